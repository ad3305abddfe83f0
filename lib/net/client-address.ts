/**
 * Which address a request comes from, for rate limits and login throttling. The socket's peer
 * is the client unless it is a trusted proxy (TRUSTED_PROXIES); then X-Forwarded-For is read
 * from its right end (the hop the proxy itself appended) leftwards, skipping further trusted
 * proxies, and the first untrusted address is the client. Entries left of it were written by
 * the client and are never believed. Pure.
 */
import { cidrContains, formatIp, parseIp, type Cidr } from "./address";

export function clientAddress(
  socketAddress: string,
  forwardedFor: string | null | undefined,
  trusted: readonly Cidr[],
): string {
  const peer = parseIp(socketAddress);
  if (peer === null) return socketAddress || "unknown";
  const isTrusted = (ip: bigint) => trusted.some((c) => cidrContains(c, ip));
  let client = peer;
  if (!isTrusted(peer) || !forwardedFor) return formatIp(client);
  const hops = forwardedFor.split(",").map((h) => h.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = parseIp(hops[i] ?? "");
    // A trusted proxy wrote garbage: stop at the last address we can stand behind.
    if (hop === null) break;
    client = hop;
    if (!isTrusted(hop)) break;
  }
  return formatIp(client);
}

/**
 * The key a client's limits are counted under: its address, or for IPv6 its /64. One host
 * usually gets a whole /64 and may pick any address in it, so counting single IPv6 addresses
 * would hand it 2^64 buckets.
 */
export function limitKey(address: string): string {
  const ip = parseIp(address);
  if (ip === null || ip >> 32n === 0xffffn) return address;
  return `${formatIp((ip >> 64n) << 64n)}/64`;
}
