/**
 * Just enough IPv6 to hand out underlay addresses the way omicron's sled editor does: each
 * sled owns a /64 (`subnet`), and new zones get `subnet + offset` with the offset one past
 * `last_allocated_ip_subnet_offset`, never reusing an address of any zone on the sled,
 * expunged or not (blueprint_editor/sled_editor/underlay_ip_allocator.rs).
 */

/** Eight 16-bit groups, or null if the text is not an IPv6 address. */
export function parseIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const groups = part
      .split(":")
      .map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
    return groups.some(Number.isNaN) ? null : groups;
  };
  const head = parse(halves[0]);
  const tail = parse(halves[1]);
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing < 1 ? null : [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** RFC 5952 text form (what Rust's `Ipv6Addr` Display prints): longest zero run becomes `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/** The /64 prefix (first four groups) shared by two addresses? */
export function sameSlash64(a: readonly number[], b: readonly number[]): boolean {
  return a.slice(0, 4).every((g, i) => g === b[i]);
}

/** The low 64 bits as an offset, or null if they do not fit a JS safe integer. */
export function interfaceOffset(groups: readonly number[]): number | null {
  const [g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups.slice(4);
  if (g4 !== 0 || g5 > 0x1f) return null;
  return g5 * 2 ** 32 + g6 * 2 ** 16 + g7;
}

export function withOffset(prefix: readonly number[], offset: number): string {
  const groups = [
    ...prefix.slice(0, 4),
    0,
    Math.floor(offset / 2 ** 32) & 0xffff,
    Math.floor(offset / 2 ** 16) & 0xffff,
    offset & 0xffff,
  ];
  return formatIpv6(groups);
}
