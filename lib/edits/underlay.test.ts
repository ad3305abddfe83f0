import { describe, expect, it } from "vitest";
import type { SledConfig } from "../blueprint/model";
import { briefSled } from "../diff/testing/brief-example";
import { formatIpv6, parseIpv6, withOffset } from "./ipv6";
import { allocateUnderlayIp } from "./underlay";

describe("ipv6 text", () => {
  it("round-trips the addresses omicron prints", () => {
    for (const text of [
      "fd00:1122:3344:103::8",
      "fd00:1122:3344:1::1",
      "::1",
      "fd00::",
      "1:2:3:4:5:6:7:8",
    ]) {
      const groups = parseIpv6(text);
      expect(groups).toHaveLength(8);
      expect(formatIpv6(groups ?? [])).toBe(text);
    }
  });

  it("compresses the longest run of zeros (RFC 5952) and rejects junk", () => {
    expect(formatIpv6([0xfd00, 0, 0, 1, 0, 0, 0, 5])).toBe("fd00:0:0:1::5");
    expect(withOffset(parseIpv6("fd00:1122:3344:103::") ?? [], 0x1a)).toBe(
      "fd00:1122:3344:103::1a",
    );
    for (const junk of ["fd00:::1", "fd00::1::2", "12345::", "1:2:3", "not an address"])
      expect(parseIpv6(junk)).toBeNull();
  });
});

describe("allocateUnderlayIp", () => {
  it("hands out the address after last_allocated_ip_subnet_offset and records it", () => {
    expect(allocateUnderlayIp(briefSled)).toEqual({
      ip: "fd00:1122:3344:103::a",
      extra: { ...briefSled.extra, last_allocated_ip_subnet_offset: 10 },
    });
  });

  it("never reuses an address some zone still holds, even when the offset lags", () => {
    const lagging = {
      ...briefSled,
      extra: { ...briefSled.extra, last_allocated_ip_subnet_offset: 3 },
    };
    expect(allocateUnderlayIp(lagging)).toMatchObject({ ip: "fd00:1122:3344:103::9" });
  });

  it("takes the /64 from the zones when the sled has no subnet (older blueprint forms)", () => {
    const bare: SledConfig = { ...briefSled, extra: {} };
    expect(allocateUnderlayIp(bare)).toEqual({
      ip: "fd00:1122:3344:103::9",
      extra: { last_allocated_ip_subnet_offset: 9 },
    });
  });

  it("starts above the reserved addresses of an empty sled, and refuses without any hint", () => {
    const empty: SledConfig = {
      ...briefSled,
      zones: [],
      extra: { subnet: { net: "fd00:1122:3344:104::/64" } },
    };
    expect(allocateUnderlayIp(empty)).toMatchObject({ ip: "fd00:1122:3344:104::21" });
    expect(allocateUnderlayIp({ ...empty, extra: {} })).toMatch(/no subnet/);
  });

  it("ignores internal DNS addresses, which live in the DNS subnets", () => {
    const dns = {
      ...briefSled.zones[0],
      id: "dns",
      zoneType: {
        type: "internal_dns",
        http_address: "[fd00:1122:3344:1::1]:5353",
        dataset: { pool_name: "p" },
      },
    } as SledConfig["zones"][number]; // spread of an optional array element
    const sled: SledConfig = { ...briefSled, zones: [dns, ...briefSled.zones], extra: {} };
    expect(allocateUnderlayIp(sled)).toMatchObject({ ip: "fd00:1122:3344:103::9" });
  });
});
