import { boundNotices } from "./notices";

/**
 * What a URL asked for that could not be honoured, said plainly (as text, never markup): grouped
 * and capped (notices.ts), so however many notices come, a few lines show, each once.
 */
export function Notices({ notices, className = "" }: { notices: readonly string[]; className?: string }) {
  if (notices.length === 0) return null;
  return (
    <div className={`notice ${className}`.trim()} role="note">
      {/* boundNotices gives each line once, so the line is its own key. */}
      {boundNotices(notices).map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
