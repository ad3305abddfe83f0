import { describe, expect, it } from "vitest";
import { omicronJson } from "~/test/omicron-fixtures";
import { parseBlueprint } from "./import";
import type { Zone } from "./model";
import {
  FIRST_ALLOCATABLE_OFFSET,
  UNKNOWN_SLED_SUBNET,
  deriveSledSubnet,
  ipv6Groups,
} from "./sled-subnet";

const zone = (type: string, fields: Record<string, unknown>): Zone => ({
  id: "z",
  disposition: "in_service",
  filesystemPool: null,
  zoneType: { type, ...fields },
  extra: {},
});

describe("ipv6Groups", () => {
  it.each([
    ["[fd00:1122:3344:103::47]:12221", [0xfd00, 0x1122, 0x3344, 0x103, 0, 0, 0, 0x47]],
    ["fd00::1", [0xfd00, 0, 0, 0, 0, 0, 0, 1]],
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
  ])("reads %s", (address, groups) => expect(ipv6Groups(address)).toEqual(groups));

  it.each(["172.20.26.8", "1::2::3", "1:2:3", "[fd00::1", "fd00::12345"])("rejects %s", (address) =>
    expect(ipv6Groups(address)).toBeNull(),
  );
});

describe("deriveSledSubnet", () => {
  it("finds the /64 and the highest allocated offset of the real v4 sled", () => {
    const result = parseBlueprint(omicronJson("real-system-sled-config-v4.json"));
    const zones = result.ok ? (result.blueprint.sleds[0]?.zones ?? []) : [];
    expect(deriveSledSubnet(zones)).toEqual({
      net: "fd00:1122:3344:103::/64",
      lastAllocatedOffset: 0x47,
    });
  });

  it("ignores internal DNS addresses, which live in the DNS subnets", () => {
    const zones = [
      zone("internal_dns", { http_address: "[fd00:1122:3344:1::1]:5353" }),
      zone("oximeter", { address: "[fd00:1122:3344:101::22]:12223" }),
    ];
    expect(deriveSledSubnet(zones)).toEqual({
      net: "fd00:1122:3344:101::/64",
      lastAllocatedOffset: 0x22,
    });
  });

  it("falls back to omicron's placeholder subnet and the first allocatable offset", () => {
    expect(deriveSledSubnet([])).toEqual({
      net: UNKNOWN_SLED_SUBNET,
      lastAllocatedOffset: FIRST_ALLOCATABLE_OFFSET,
    });
  });
});
