/**
 * Test support: rebuilds console blueprints from omicron's own text output
 * (`reconfigurator-cli blueprint-show` and the ADDED SLEDS part of a planner diff), so the
 * renderer and the edits can be checked against real outputs without a serialized
 * blueprint (omicron commits none; ../shared/omicron/README.md). Disk ids and the zone
 * fields a table does not show are made up deterministically; everything the tables show
 * (ids, pools, kinds, quotas, compression, addresses) is taken from the text.
 */
import type {
  Blueprint,
  Compression,
  Dataset,
  PhysicalDisk,
  SledConfig,
  Zone,
} from "~/lib/blueprint/model";
import { createIdGenerator } from "~/lib/edits/ids";
import { makeZoneType } from "~/lib/edits/zone-type";

/** The rows of a named table inside one sled's block, split on runs of 2+ spaces. */
function tableRows(block: readonly string[], name: string): string[][] {
  const start = block.findIndex((line) => line.trim() === `${name}:`);
  if (start === -1) return [];
  const rows: string[][] = [];
  for (const line of block.slice(start + 4)) {
    if (line.trim() === "") break;
    if (line.trim().startsWith("└─")) continue;
    rows.push(
      line
        .slice(4)
        .trim()
        .split(/\s{2,}/)
        .map((cell) => cell.replace(/^- /, "")),
    );
  }
  return rows;
}

function parseBytes(text: string): number | null {
  const match = /^(\d+) (B|KiB|MiB|GiB|TiB)$/.exec(text);
  if (!match) return null;
  const power = ["B", "KiB", "MiB", "GiB", "TiB"].indexOf(match[2] ?? "B");
  return Number(match[1]) * 1024 ** power;
}

function parseCompression(text: string): Compression {
  const gzip = /^gzip-(\d)$/.exec(text);
  return gzip ? { type: "gzip_n", level: Number(gzip[1]) } : { type: text };
}

function parseDataset([
  name = "",
  id = "",
  disposition = "",
  quota = "",
  reservation = "",
  compression = "",
]: string[]): Dataset {
  const [pool = "", ...rest] = name.split("/");
  const kind = (rest[0] === "crypt" ? rest.slice(1) : rest).join("/");
  return {
    id,
    pool,
    kind,
    disposition: disposition === "in service" ? "in_service" : "expunged",
    address: null,
    quota: parseBytes(quota),
    reservation: parseBytes(reservation),
    compression: parseCompression(compression),
    extra: {},
  };
}

function parseZone(
  [type = "", id = "", , disposition = "", ip = ""]: string[],
  datasets: Dataset[],
): Zone {
  const root = datasets.find((d) => d.kind.startsWith("zone/oxz_") && d.kind.endsWith(`_${id}`));
  const pool = root?.pool ?? "";
  const zoneType = makeZoneType(type, {
    zoneId: id,
    ip,
    pool,
    serviceIndex: 0,
    nextId: createIdGenerator(id),
  });
  if (typeof zoneType === "string") throw new Error(zoneType);
  const expunged = disposition.startsWith("expunged");
  return {
    id,
    disposition: expunged ? "expunged" : "in_service",
    ...(expunged && { readyForCleanup: disposition.endsWith("✓") }),
    filesystemPool: pool,
    zoneType,
    imageSource: { type: "install_dataset" },
    extra: {},
  };
}

function parseDisk(
  [vendor = "", model = "", serial = "", disposition = ""]: string[],
  sledId: string,
): PhysicalDisk {
  const poolId = serial.replace(/^serial-/, "");
  return {
    id: createIdGenerator(`${sledId}/${serial}`)(),
    poolId,
    identity: { vendor, model, serial },
    disposition: disposition === "in service" ? "in_service" : "expunged",
    ...(disposition !== "in service" && { readyForCleanup: disposition.endsWith("✓") }),
    extra: {},
  };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function parseSledBlock(
  sledId: string,
  generation: number,
  block: readonly string[],
): SledConfig {
  const datasets = tableRows(block, "datasets").map(parseDataset);
  const zones = tableRows(block, "omicron zones").map((row) => parseZone(row, datasets));
  for (const zone of zones) {
    const durable = datasets.find((d) => d.kind === "crucible" && d.pool === zone.filesystemPool);
    if (zone.zoneType.type === "crucible" && durable)
      durable.address = String(zone.zoneType.address);
  }
  const subnet = block
    .find((l) => l.includes("subnet::"))
    ?.split(/\s+/)
    .pop();
  const lastIp = block
    .find((l) => l.includes("last allocated IP::"))
    ?.split(/\s+/)
    .pop();
  return {
    id: sledId,
    state: "active",
    generation,
    disks: tableRows(block, "physical disks")
      .map((row) => parseDisk(row, sledId))
      .sort(byId),
    datasets: datasets.sort(byId),
    zones: zones.sort(byId),
    extra: {
      ...(subnet && { subnet: { net: subnet } }),
      ...(lastIp && {
        last_allocated_ip_subnet_offset: parseInt(lastIp.split(":").pop() ?? "0", 16),
      }),
    },
  };
}

/** The `blueprint-show <id>` output in a reconfigurator-cli transcript, as a blueprint. */
export function parseBlueprintShow(transcript: string, blueprintId: string): Blueprint {
  const lines = transcript.split("\n");
  const start = lines.findIndex((line) => line === `> blueprint-show ${blueprintId}`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith(" COCKROACHDB SETTINGS"));
  const shown = lines.slice(start, end);
  const parentId = shown.find((l) => l.startsWith("parent:"))?.split(/\s+/)[1] ?? null;
  const sledStarts = shown.flatMap((line, i) => (line.startsWith("  sled: ") ? [i] : []));
  const sleds = sledStarts.map((from, k) => {
    const block = shown.slice(from, sledStarts[k + 1] ?? shown.length);
    const generation = Number(
      block
        .find((l) => l.includes("config generation::"))
        ?.split(/\s+/)
        .pop(),
    );
    return parseSledBlock((block[0] ?? "").replace("  sled: ", "").trim(), generation, block);
  });
  return { id: blueprintId, parentId, format: "current", sleds: sleds.sort(byId), extra: {} };
}
