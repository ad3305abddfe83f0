/**
 * Response headers for every page and API answer (next.config.ts `headers()`):
 * - the console must never be framed (clickjacking an approve button): CSP frame-ancestors
 *   'none' plus X-Frame-Options: DENY for browsers without CSP 2;
 * - scripts, styles, workers and connections only from the console itself. Next's App Router
 *   writes its RSC payload as inline <script> tags and the pages are prerendered, so a nonce
 *   is not possible without rendering every page per request: script-src allows
 *   'unsafe-inline' (but no other origin); React Flow and the layout positions use inline
 *   styles. The graph layout runs in a Web Worker loaded from the console's own chunks.
 *   `next dev` also needs 'unsafe-eval' (React's dev tooling), never the production build;
 * - Referrer-Policy: same-origin (URLs carry rack and execution ids), nosniff.
 */
export interface SecurityHeader {
  key: string;
  value: string;
}

export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(dev: boolean): SecurityHeader[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(dev) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "same-origin" },
    { key: "X-Content-Type-Options", value: "nosniff" },
  ];
}
