import type { NextConfig } from "next";
import { securityHeaders } from "./server/http/security-headers.ts";

const config: NextConfig = {
  // `npm test` type-checks the whole project (tsc --noEmit) as its own tier, so the build skips
  // its second, slower check: that keeps the first `npm start` of a fresh clone near a minute.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // The icon is app/icon.svg (linked from every page); a client asking for the classic
  // /favicon.ico gets it too, rather than a 404.
  redirects: () =>
    Promise.resolve([{ source: "/favicon.ico", destination: "/icon.svg", permanent: true }]),
  // CSP (no framing), Referrer-Policy, nosniff on every response: server/http/security-headers.ts.
  headers: () =>
    Promise.resolve([
      {
        source: "/:path*",
        headers: securityHeaders(process.env.NODE_ENV === "development"),
      },
    ]),
};

export default config;
