/** Rack procedures that do more than one read: creation, sled-agent registration and inventory. */
import type { SledAgentProfile } from "~/lib/wire/types.ts";
import type { SessionUser } from "../auth/roles.ts";
import { agentAddressRefusal } from "../http/agent-hosts.ts";
import { recordAudit } from "../repo/audit.ts";
import { getBlueprintModel, listSledAgents, upsertSledAgent } from "../repo/sled-agents.ts";
import { createRack, findSledAgentRack, getRack, type RackRecord } from "../repo/racks.ts";
import { checkNexusUrls, setNexus } from "./nexus-link.ts";
import { fail, notFound, ok, type Result } from "./result.ts";
import { rackInventory, type SledInventory } from "./inventory.ts";

/**
 * A base URL the console can call: http(s), a host on SLED_AGENT_ALLOWED_HOSTS, nothing after
 * the path.
 */
export function checkAgentAddress(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return `"${address}" is not a URL; give the agent's base URL, e.g. http://[fd00:1122:3344:101::1]:12345`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return `the sled agent address must be http:// or https://, not ${url.protocol}`;
  if (url.username || url.password || url.search || url.hash)
    return "the sled agent address must be a plain base URL (no credentials, query or fragment)";
  return agentAddressRefusal(address);
}

/** A new, empty rack; linked to its Nexus lockstep endpoints at once when `nexusUrls` has any. */
export async function createRackLinked(
  user: SessionUser,
  input: { name: string; nexusUrls: readonly string[] },
): Promise<Result<RackRecord>> {
  const urls = checkNexusUrls(input.nexusUrls);
  if (!urls.ok) return urls;
  const rack = await createRack(input.name);
  if (!rack) return fail("CONFLICT", `a rack named ${input.name} already exists`);
  await recordAudit(user, "rack.create", { rackId: rack.id, name: rack.name });
  if (urls.value.length > 0) await setNexus(user, { rackId: rack.id, urls: urls.value });
  return ok(rack);
}

export async function setSledAgent(
  user: SessionUser,
  input: { rackId: string; sledId: string; address: string; profile: SledAgentProfile },
): Promise<Result<null>> {
  const rack = await getRack(input.rackId);
  if (!rack) return notFound(`rack ${input.rackId}`);
  const bad = checkAgentAddress(input.address);
  if (bad) return fail("BAD_REQUEST", bad);
  const [agents, current] = await Promise.all([
    listSledAgents(rack.id),
    rack.currentBlueprintId ? getBlueprintModel(rack.currentBlueprintId) : null,
  ]);
  const known =
    agents.some((a) => a.sledId === input.sledId) ||
    (current?.sleds.some((s) => s.id === input.sledId) ?? false);
  if (!known)
    return fail(
      "BAD_REQUEST",
      `sled ${input.sledId} is not in rack ${rack.name} (neither in its current blueprint nor registered)`,
    );
  const address = input.address.replace(/\/+$/, "");
  // upsertSledAgent would move a sled registered in another rack: refuse that instead.
  const moved = await upsertSledAgentInRack(rack.id, input.sledId, address, input.profile);
  if (!moved) return fail("BAD_REQUEST", `sled ${input.sledId} is registered in another rack`);
  await recordAudit(user, "rack.set-sled-agent", {
    rackId: rack.id,
    sledId: input.sledId,
    address,
    profile: input.profile,
  });
  return ok(null);
}

async function upsertSledAgentInRack(
  rackId: string,
  sledId: string,
  address: string,
  profile: SledAgentProfile,
): Promise<boolean> {
  const owner = await findSledAgentRack(sledId);
  if (owner !== null && owner !== rackId) return false;
  await upsertSledAgent(rackId, sledId, address, profile);
  return true;
}

export async function inventoryOfRack(
  rackId: string,
): Promise<Result<{ currentBlueprintId: string | null; sleds: SledInventory[] }>> {
  const rack = await getRack(rackId);
  if (!rack) return notFound(`rack ${rackId}`);
  const [agents, current] = await Promise.all([
    listSledAgents(rack.id),
    rack.currentBlueprintId ? getBlueprintModel(rack.currentBlueprintId) : null,
  ]);
  return ok({
    currentBlueprintId: rack.currentBlueprintId,
    sleds: await rackInventory(current, agents),
  });
}
