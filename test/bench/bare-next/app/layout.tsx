import type { ReactNode } from "react";

export const metadata = { title: "Bare Next.js page" };

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
