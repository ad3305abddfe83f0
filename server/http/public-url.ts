/**
 * PUBLIC_URL: where browsers reach the console (e.g. https://console.rack.example). When it is
 * https the session cookie is `Secure`. Taken from configuration, not from the request: a
 * client can claim X-Forwarded-Proto: https over plain http, and a proxy that terminates TLS
 * is exactly the case where the request itself looks like http.
 */
import { z } from "zod";

const publicUrl = z
  .url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http:// or https:// URL" })
  .optional();

/** The parsed PUBLIC_URL, or null when unset; throws with the variable's name when invalid. */
export function parsePublicUrl(value: string | undefined): URL | null {
  if (value === undefined || value === "") return null;
  const parsed = publicUrl.safeParse(value);
  if (!parsed.success) throw new Error(`invalid PUBLIC_URL: ${parsed.error.issues[0]?.message}`);
  return new URL(value);
}

/** Whether cookies get `Secure`: PUBLIC_URL is https. Read on each call (tests change it). */
export function secureCookies(env: Record<string, string | undefined> = process.env): boolean {
  return parsePublicUrl(env.PUBLIC_URL)?.protocol === "https:";
}
