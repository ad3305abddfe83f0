import type { NextConfig } from "next";
import { securityHeaders } from "./server/http/security-headers.ts";

const config: NextConfig = {
  // `npm test` type-checks the whole project (tsc --noEmit) as its own tier, so the build skips
  // its second, slower check: that keeps the first `npm start` of a fresh clone near a minute.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
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
