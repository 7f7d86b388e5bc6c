import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { THEME_BOOT } from "../components/site/theme-boot";
import "../components/theme.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "FTP Modes Lab", template: "%s · FTP Modes Lab" },
  description:
    "An interactive lab for FTP's active and passive modes: watch control and data connections cross firewalls and NAT, step by step.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`} suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
