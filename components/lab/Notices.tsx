/** What a URL asked for that could not be honoured, said plainly (as text, never markup). */
export function Notices({ notices, className = "" }: { notices: readonly string[]; className?: string }) {
  if (notices.length === 0) return null;
  return (
    <div className={`notice ${className}`.trim()} role="note">
      {notices.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
