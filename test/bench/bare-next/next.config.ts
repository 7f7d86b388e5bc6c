import type { NextConfig } from "next";

// Built by test/bench/web.ts with the root's next binary: `next build test/bench/bare-next`.
const nextConfig: NextConfig = {
  output: "export",
  images: { unoptimized: true },
};

export default nextConfig;
