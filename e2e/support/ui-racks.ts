/** What seed-ui.ts seeds, shared with the operator-UI spec. */
export const UI_READY_LINE = "E2E_UI_SEED_READY ";

export interface UiSeed {
  expunge: { rackId: string; parentId: string; splitSledId: string; reconcilerSledId: string };
  fullRack: { rackId: string; parentId: string; targetId: string };
}
