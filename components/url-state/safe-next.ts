/** Where to go after logging in: only a path on this site (anything else is an open redirect). */
export function safeNext(next: string | null, fallback = "/racks"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\"))
    return fallback;
  return next;
}
