/**
 * Cross-site request refusal for state-changing requests, the second line behind the
 * SameSite=Strict session cookie. Mirrors Go's net/http CrossOriginProtection (Go 1.25):
 * browsers say where a request comes from in `Sec-Fetch-Site` (all current browsers) or at
 * least `Origin`; a request with neither did not come from a browser (curl, scripts) and cannot
 * be a cross-site forgery. https://words.filippo.io/csrf/
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why the request is refused, or null when it may proceed. */
export function crossSiteRefusal(req: Request): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const site = req.headers.get("sec-fetch-site");
  if (site !== null) {
    return site === "same-origin" || site === "none"
      ? null
      : `cross-site request refused (Sec-Fetch-Site: ${site})`;
  }
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return `cross-site request refused (Origin: ${origin})`;
  }
  // A proxy in front of the console names the host the browser used; a page on another site
  // cannot set X-Forwarded-Host without a CORS preflight, which we never grant.
  const hosts = [
    req.headers.get("host"),
    req.headers.get("x-forwarded-host"),
    new URL(req.url).host,
  ];
  return hosts.includes(originHost)
    ? null
    : `cross-site request refused (Origin ${origin} is not this console)`;
}
