/**
 * The short form of PostgreSQL's `SELECT version()` string:
 * "PostgreSQL 18.1 on x86_64-pc-linux-gnu, compiled by …" → "PostgreSQL 18.1".
 * Anything else is returned unchanged.
 */
export function shortDbVersion(version: string): string {
  const match = /^PostgreSQL \S+/.exec(version.trim());
  return match ? match[0] : version.trim();
}
