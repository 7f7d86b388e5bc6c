import type { ReactNode } from "react";

/** Embeds live in someone else's page: no header, no navigation, just the lab. */
export default function EmbedLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <main id="main" className="embed">
      {children}
    </main>
  );
}
