/**
 * Small omicron HEAD Blueprint JSON documents for tests: a healthy sled is one disk with its
 * `zone` and `debug` datasets, a crucible zone (durable `crucible` dataset + root) and an
 * internal NTP zone (root only), shaped like the planner's output in
 * ../shared/omicron/diff-2026-08-planner-add-sled.txt. Pure and deterministic; tests break
 * these documents on purpose.
 */
import { durableDatasetKind, rootDatasetKind, zpoolName } from "../zones";
import { BLUEPRINT_DEFAULTS } from "../export";

type Json = Record<string, unknown>;

/** A uuid-shaped id (version 4, variant 8) from a letter tag and a number. */
export function testUuid(tag: string, n: number): string {
  const hex = (tag.charCodeAt(0) % 16).toString(16).repeat(8);
  return `${hex}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export function diskJson(
  id: string,
  poolId: string,
  disposition: Json = { kind: "in_service" },
): Json {
  return {
    disposition,
    identity: { vendor: "fake-vendor", model: "fake-model", serial: `serial-${poolId}` },
    id,
    pool_id: poolId,
  };
}

export function datasetJson(
  id: string,
  pool: string,
  kind: string,
  disposition = "in_service",
): Json {
  return {
    disposition,
    id,
    pool,
    kind,
    address: kind === "crucible" ? "[fd00:1122:3344:101::10]:32345" : null,
    quota: kind === "debug" ? 107374182400 : null,
    reservation: null,
    compression: kind === "debug" ? { type: "gzip_n", level: 9 } : { type: "off" },
  };
}

export function zoneJson(
  id: string,
  type: string,
  pool: string,
  disposition: Json = { kind: "in_service" },
): Json {
  const offset = ((parseInt(id.slice(-4), 16) % 0xfff) + 0x21).toString(16);
  const zoneType: Json = { type, address: `[fd00:1122:3344:101::${offset}]:12345` };
  if (durableDatasetKind(type) !== null) zoneType.dataset = { pool_name: pool };
  return {
    disposition,
    id,
    filesystem_pool: pool,
    zone_type: zoneType,
    image_source: { type: "install_dataset" },
  };
}

export function sledJson(
  parts: { disks: Json[]; datasets: Json[]; zones: Json[] },
  extra: Json = {},
): Json {
  return {
    state: "active",
    subnet: { net: "fd00:1122:3344:101::/64" },
    last_allocated_ip_subnet_offset: 32,
    sled_agent_generation: 2,
    ...parts,
    remove_mupdate_override: null,
    host_phase_2: { slot_a: { type: "current_contents" }, slot_b: { type: "current_contents" } },
    measurements: { type: "unknown" },
    update_disposition: { generation: 1, kind: { availability: "available" } },
    ...extra,
  };
}

/** Ids of the healthy sled number `n` (several sleds never share ids). */
export function healthySledIds(n: number) {
  return {
    sled: testUuid("s", n),
    disk: testUuid("d", n),
    pool: zpoolName(testUuid("p", n)),
    poolId: testUuid("p", n),
    zoneDataset: testUuid("a", n * 10 + 1),
    debugDataset: testUuid("a", n * 10 + 2),
    crucibleDataset: testUuid("a", n * 10 + 3),
    crucibleRoot: testUuid("a", n * 10 + 4),
    ntpRoot: testUuid("a", n * 10 + 5),
    crucibleZone: testUuid("z", n * 10 + 1),
    ntpZone: testUuid("z", n * 10 + 2),
  };
}

export function healthySledJson(n: number): Json {
  const ids = healthySledIds(n);
  const root = (id: string, type: string) => rootDatasetKind({ id, zoneType: { type } });
  return sledJson({
    disks: [diskJson(ids.disk, ids.poolId)],
    datasets: [
      datasetJson(ids.zoneDataset, ids.pool, "zone"),
      datasetJson(ids.debugDataset, ids.pool, "debug"),
      datasetJson(ids.crucibleDataset, ids.pool, "crucible"),
      datasetJson(ids.crucibleRoot, ids.pool, root(ids.crucibleZone, "crucible")),
      datasetJson(ids.ntpRoot, ids.pool, root(ids.ntpZone, "internal_ntp")),
    ],
    zones: [
      zoneJson(ids.crucibleZone, "crucible", ids.pool),
      zoneJson(ids.ntpZone, "internal_ntp", ids.pool),
    ],
  });
}

/** A HEAD blueprint with healthy sleds 1..count. */
export function blueprintJson(count: number, extra: Json = {}): Json {
  const sleds: Json = {};
  for (let n = 1; n <= count; n++) sleds[healthySledIds(n).sled] = healthySledJson(n);
  return {
    id: testUuid("b", 1),
    parent_blueprint_id: null,
    sleds,
    ...BLUEPRINT_DEFAULTS,
    time_created: "2026-08-21T00:00:00Z",
    creator: "test",
    comment: "healthy test blueprint",
    source: { source: "test" },
    ...extra,
  };
}

/** `items[i]`, for tests: a missing element is a bug in the test, so it throws. */
export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`no element ${i} in a list of ${items.length}`);
  return item;
}

/** `record[key]` as a JSON object, for tests that edit documents in place. */
export function member(record: unknown, key: string): Json {
  const value = (record as Record<string, unknown>)[key];
  if (typeof value !== "object" || value === null) throw new Error(`no object at ${key}`);
  return value as Json;
}
