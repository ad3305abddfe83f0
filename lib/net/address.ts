/**
 * IP addresses and CIDR ranges, parsed into 128-bit numbers (IPv4 as IPv4-mapped IPv6, so one
 * comparison covers both), and host lists made of them. Pure: used for the trusted proxies in
 * front of the console (TRUSTED_PROXIES) and the hosts a sled agent may live on
 * (SLED_AGENT_ALLOWED_HOSTS). Names are never resolved here: a name means only itself.
 */

const V4_MAPPED = 0xffffn << 32n;

function parseV4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith("0"))) return null;
    const v = Number(p);
    if (v > 255) return null;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(text: string): bigint | null {
  let s = text;
  // A trailing dotted quad (::ffff:10.0.0.1) is the last 32 bits.
  let tail: bigint | null = null;
  const lastColon = s.lastIndexOf(":");
  if (s.includes(".")) {
    tail = parseV4(s.slice(lastColon + 1));
    if (tail === null) return null;
    s = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0] ?? "");
  const rest = halves.length === 2 ? groups(halves[1] ?? "") : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return tail === null ? n : (n & ~0xffffffffn) | tail;
}

/** An IP literal (IPv4, IPv6, optionally in brackets; no zone ids) as 128 bits, else null. */
export function parseIp(text: string): bigint | null {
  const t = text.trim().replace(/^\[(.*)\]$/, "$1");
  if (t.includes(":")) return parseV6(t);
  const v4 = parseV4(t);
  return v4 === null ? null : V4_MAPPED | v4;
}

/** The canonical text of an address: dotted quad for IPv4 (also IPv4-mapped), else IPv6. */
export function formatIp(n: bigint): string {
  if (n >> 32n === 0xffffn) {
    const v = Number(n & 0xffffffffn);
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join(".");
  }
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((n >> BigInt(16 * (7 - i))) & 0xffffn).toString(16),
  );
  // Compress the longest run of zero groups (RFC 5952).
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  if (best.at < 0) return groups.join(":");
  const left = groups.slice(0, best.at).join(":");
  const right = groups.slice(best.at + best.len).join(":");
  return `${left}::${right}`;
}

/** The canonical form of an IP literal, or null when `text` is not one. */
export function normalizeIp(text: string): string | null {
  const n = parseIp(text);
  return n === null ? null : formatIp(n);
}

export interface Cidr {
  base: bigint;
  /** Prefix length in the 128-bit space (an IPv4 /24 is /120). */
  bits: number;
}

/** `10.0.0.0/8`, `fd00::/8`, or a bare address (a /32 or /128); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, prefix, extra] = text.trim().split("/");
  if (addr === undefined || extra !== undefined) return null;
  const base = parseIp(addr);
  if (base === null) return null;
  const isV4 = !addr.includes(":");
  const max = isV4 ? 32 : 128;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return null;
  const len = prefix === undefined ? max : Number(prefix);
  if (len > max) return null;
  const bits = isV4 ? 96 + len : len;
  const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
  return { base: base & mask, bits };
}

export function cidrContains(cidr: Cidr, ip: bigint): boolean {
  const shift = BigInt(128 - cidr.bits);
  return ip >> shift === cidr.base >> shift;
}

/** A list of CIDRs and (lower-case) host names. */
export interface HostList {
  cidrs: Cidr[];
  names: string[];
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Parses a comma- or space-separated list of IPs, CIDRs and host names. Every malformed entry
 * is reported, so a typo fails at boot instead of silently allowing less (or more).
 */
export function parseHostList(
  text: string,
): { ok: true; list: HostList } | { ok: false; errors: string[] } {
  const list: HostList = { cidrs: [], names: [] };
  const errors: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter((e) => e !== "")) {
    const cidr = parseCidr(entry);
    if (cidr) list.cidrs.push(cidr);
    else if (!entry.includes("/") && HOSTNAME.test(entry.toLowerCase()))
      list.names.push(entry.toLowerCase());
    else errors.push(`"${entry}" is neither an IP address, a CIDR range nor a host name`);
  }
  return errors.length ? { ok: false, errors } : { ok: true, list };
}

/**
 * Whether `host` (a URL's hostname: an IP literal, maybe in brackets, or a name) is on the
 * list. An IP literal matches a CIDR; a name matches only a name listed exactly (it is never
 * resolved: what it resolves to can change after the check).
 */
export function hostAllowed(list: HostList, host: string): boolean {
  const ip = parseIp(host);
  if (ip !== null) return list.cidrs.some((c) => cidrContains(c, ip));
  const name = host.toLowerCase().replace(/\.$/, "");
  return list.names.includes(name);
}
