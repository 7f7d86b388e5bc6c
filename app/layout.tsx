import type { Metadata } from "next";
import type { ReactNode } from "react";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import "../components/theme.css";
import "./globals.css";

export const metadata: Metadata = {
  title: "FTP Modes Lab",
  description:
    "An interactive lab for FTP's active and passive modes: watch control and data connections cross firewalls and NAT, step by step.",
};

export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body>{children}</body>
    </html>
  );
}
