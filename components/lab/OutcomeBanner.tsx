"use client";
/**
 * Per transfer, ok or failed with its cause in one line — as far as the playhead has got: a
 * transfer's outcome shows from the step its 226 or 425 arrives (world.transfers). A failed login
 * gets its own line in exact words: "login refused (530)" is not "no control connection".
 */
import { loginOutcome, loginShort } from "../../sim/trace/login";
import type { Lab } from "./use-lab";

export function OutcomeBanner({ lab, reveal = "upToStep" }: { lab: Lab; reveal?: "all" | "upToStep" }) {
  const done = new Map(lab.world.transfers.map((t) => [t.index, t.status]));
  const loginFailed = lab.trace.result.login.result === "failed";
  const login = loginOutcome(lab.trace.events);
  const loginShown = login.kind !== "ok" && login.kind !== "none" && (reveal === "all" || lab.step >= (lab.timeline.stepOfEvent[login.event] ?? Infinity));
  return (
    <div role="status" aria-label="Transfer outcomes">
    <ul className="outcomes">
      {loginShown && (
        <li className="outcome outcome-failed" data-login={login.kind}>
          <span className="outcome-mark" aria-hidden="true">
            ✕
          </span>
          <strong>Login</strong> <span className="outcome-status">{login.kind === "refused" ? `refused (${login.reply})` : `not tried — ${loginShort(login)}`}</span>
        </li>
      )}
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
