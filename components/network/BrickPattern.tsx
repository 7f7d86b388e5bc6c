/** The firewall wall's brick fill (visual-language.md: "a firewall is a wall"), shared by the network view and the legend. */
export function BrickPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="16" height="12" patternUnits="userSpaceOnUse">
      <rect className="nv-brick-fill" width="16" height="12" />
      <path className="nv-brick-mortar" d="M0 0.5H16M0 6.5H16M4 0.5V6.5M12 6.5V12" />
    </pattern>
  );
}
