import type { NextConfig } from "next";

// A fully static site: `next build` writes it to out/. Nothing is served by Node.
const nextConfig: NextConfig = {
  output: "export",
  images: { unoptimized: true },
};

export default nextConfig;
