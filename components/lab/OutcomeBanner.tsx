"use client";
/** Per transfer, ok or failed with its cause in one line — as far as the playhead has got. */
import type { Lab } from "./use-lab";

export function OutcomeBanner({ lab, reveal = "upToStep" }: { lab: Lab; reveal?: "all" | "upToStep" }) {
  const done = new Map(lab.world.transfers.map((t) => [t.index, t.status]));
  const loginFailed = lab.trace.result.login.result === "failed";
  return (
    <div role="status" aria-label="Transfer outcomes">
    <ul className="outcomes">
      {lab.trace.result.transfers.map((t) => {
        const status = reveal === "all" ? t.result : (done.get(t.index) ?? (loginFailed && lab.step >= lab.last ? "failed" : "pending"));
        const label = status === "ok" ? "ok" : status === "failed" ? "failed" : status === "running" ? "running…" : "not yet";
        return (
          <li key={t.index} className={`outcome outcome-${status}`}>
            <span className="outcome-mark" aria-hidden="true">
              {status === "ok" ? "✓" : status === "failed" ? "✕" : "…"}
            </span>
            <strong>{t.command}</strong> <span className="outcome-status">{label}</span>
            {status === "ok" && t.data && (
              <span className="outcome-detail">
                {" "}
                — data connection opened by the {t.data.initiator} ({t.modeCommand})
              </span>
            )}
            {status === "failed" && t.cause && <span className="outcome-detail"> — {t.cause}</span>}
          </li>
        );
      })}
    </ul>
    </div>
  );
}
