/**
 * What the browser benchmark looks at, stored the way the console stores it: a rack with a
 * ~60-item mixed change, a 32-sled rack with the whole rack added (~2,000 item changes), and a
 * signed-in viewer (a session row, so the browser carries its cookie).
 */
import type { Blueprint } from "~/lib/blueprint/model.ts";
import { makeMixedChange } from "~/lib/examples/mixed-change.ts";
import { makeExampleRack, makeWholeRackAdded } from "~/lib/examples/rack.ts";
import { itemChanges } from "~/lib/graph/item-changes.ts";
import { hashPassword } from "~/server/auth/password.ts";
import {
  newSessionToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionIdOf,
} from "~/server/auth/session.ts";
import { ensureRack } from "~/server/repo/racks.ts";
import { createSession, upsertUser } from "~/server/repo/users.ts";
import { storeBlueprint } from "~/server/services/blueprints.ts";

export interface DiffCase {
  name: string;
  parentId: string;
  targetId: string;
  items: number;
}

export interface BrowserSeed {
  cases: DiffCase[];
  cookie: { name: string; value: string };
}

/** A mixed change with exactly `items` item changes (the first seed that gives it). */
function mixedChangeOf(items: number): { parent: Blueprint; target: Blueprint } {
  for (let k = 0; k < 500; k++) {
    for (const sleds of [6, 7]) {
      const parent = makeExampleRack({ sleds, seed: `bench-ui-${k}` });
      const child = makeMixedChange(parent, `bench-ui-${k}`);
      if (child.ok && itemChanges(parent, child.blueprint).length === items)
        return { parent, target: child.blueprint };
    }
  }
  throw new Error(`no example mixed change with ${items} item changes`);
}

async function storePair(
  rackName: string,
  pair: { parent: Blueprint; target: Blueprint },
  name: string,
): Promise<DiffCase> {
  const rack = await ensureRack(rackName);
  const ids: string[] = [];
  for (const bp of [pair.parent, pair.target]) {
    const r = await storeBlueprint({
      rackId: rack.id,
      model: bp,
      source: "example",
      creator: "bench",
      comment: name,
    });
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r).slice(0, 300)}`);
    ids.push(r.blueprint.id);
  }
  return {
    name,
    parentId: ids[0] ?? "",
    targetId: ids[1] ?? "",
    items: itemChanges(pair.parent, pair.target).length,
  };
}

export async function seedBrowserCases(): Promise<BrowserSeed> {
  const cases = [
    await storePair("bench-60", mixedChangeOf(60), "60-node diff (a mixed change)"),
    await storePair(
      "bench-full-rack",
      makeWholeRackAdded({ sleds: 32, seed: "bench-ui" }),
      "full rack added (32 sleds)",
    ),
  ];
  const user = await upsertUser(
    "bench-viewer",
    ["viewer"],
    await hashPassword("not used: the session is made directly"),
  );
  const token = newSessionToken();
  await createSession(sessionIdOf(token), user.id, new Date(Date.now() + SESSION_TTL_MS));
  return { cases, cookie: { name: SESSION_COOKIE, value: token } };
}
