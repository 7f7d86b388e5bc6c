import type { ReactNode } from "react";
import { SiteHeader } from "../../components/site/SiteHeader";

/** The site's pages: header and main. Embeds (app/embed) have neither. */
export default function SiteLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <SiteHeader />
      <main id="main">{children}</main>
    </>
  );
}
