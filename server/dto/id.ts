import { z } from "zod";

/**
 * Every id the console's API takes or gives (racks, users, executions, blueprints, sleds and
 * their items): an RFC 9562 uuid (`z.uuid()`, which also takes the nil and max uuids). Every id
 * the console makes is a v4 uuid (PostgreSQL's defaults, lib/edits/ids.ts) and omicron's are
 * too; an import whose blueprint id is not one is refused (server/services/blueprints.ts), so
 * every stored blueprint can be asked for. The readers of omicron's own formats (lib/wire,
 * lib/nexus) stay as permissive as the agents and Nexus are.
 */
export const id = z.uuid();
