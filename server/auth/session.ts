/**
 * Sessions: a random opaque token in an httpOnly cookie; the database keeps only its SHA-256
 * (so a leaked Session table does not hand out live sessions) with an expiry.
 */
import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "bpc_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The Session row id of a token. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The value of one cookie in a `Cookie` header, or null. */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    // Tokens are base64url; anything else was not set by us.
    return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : null;
  }
  return null;
}

/**
 * SameSite=Strict keeps the browser from sending the cookie on any cross-site request (the
 * first CSRF defence; server/auth/csrf.ts is the second). Secure when the console's public
 * URL is https (PUBLIC_URL, server/http/public-url.ts), or the cookie would never come back on
 * http://localhost; never because a request says so (X-Forwarded-Proto is the client's word).
 */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAge}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    "Max-Age=0",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
