// Issue 12: every page and API answer says the console must not be framed, and limits where
// scripts and connections may come from (next.config.ts → server/http/security-headers.ts).
// The e2e smoke test checks the same headers on a page the production server serves.
import { describe, expect, it } from "vitest";
import config from "../next.config";

describe("security headers", () => {
  it("are set on every path: CSP without framing, X-Frame-Options, Referrer-Policy, nosniff", async () => {
    const rules = (await config.headers?.()) ?? [];
    const all = rules.find((r) => r.source === "/:path*");
    const headers = Object.fromEntries((all?.headers ?? []).map((h) => [h.key, h.value]));
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    const csp = headers["Content-Security-Policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval"); // only `next dev` needs it
    expect(csp).not.toMatch(/https?:|\*/); // no other origin anywhere
  });
});
