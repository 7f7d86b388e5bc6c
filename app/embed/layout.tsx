import type { ReactNode } from "react";
import { EMBED_BOOT } from "../../components/site/url-boot";

/**
 * Embeds live in someone else's page: no header, no navigation, just the lab. The boot script
 * comes before the lab's HTML, so the URL's theme, views and controls hold from the first paint.
 */
export default function EmbedLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <script dangerouslySetInnerHTML={{ __html: EMBED_BOOT }} />
      <main id="main" className="embed">
        {children}
      </main>
    </>
  );
}
