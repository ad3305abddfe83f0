/** What the tRPC procedures return, named for the components that show it. Types only. */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../server/routers/_app";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export type RackSummary = RouterOutputs["rack"]["list"][number];
export type RackInventory = RouterOutputs["rack"]["inventory"];
export type SledInventory = RackInventory["sleds"][number];
export type BlueprintSummary = RouterOutputs["blueprint"]["list"][number];
export type StoreResult = RouterOutputs["blueprint"]["import"];
export type DiffView = RouterOutputs["blueprint"]["diff"];
export type PlanPreview = RouterOutputs["blueprint"]["plan"];
export type EditInput = RouterInputs["blueprint"]["createChild"]["edits"][number];
/** One event of the session's live stream (a subscription: its output is what it yields). */
export type LiveEvent = RouterOutputs["live"]["events"] extends AsyncIterable<infer E> ? E : never;
