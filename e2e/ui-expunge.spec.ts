/**
 * Operator UI, part 1: the #7309 story on the operator's own blueprint. Expunge a crucible
 * zone on a sled that speaks the January-2025 split API, then read its diff, its dependency
 * graph, the safe plan (no hazard) and the phased order (the datasets step would fail).
 */
import type { ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { checkBothThemes, logIn } from "./support/ui";
import type { UiSeed } from "./support/ui-racks";
import { startUiSeed, stopUiSeed } from "./support/ui-seed-process";

let seedProcess: ChildProcess | undefined;
let seed: UiSeed;
test.beforeAll(async () => {
  ({ child: seedProcess, seed } = await startUiSeed());
});
test.afterAll(() => stopUiSeed(seedProcess));

const diffTab = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Diff views" }).getByRole("link", { name, exact: true });

/** Creates the child through the form; returns the expunged zone's short id (`74412086…`). */
async function expungeCrucibleZone(
  page: Page,
  testInfo: Parameters<typeof checkBothThemes>[1],
): Promise<string> {
  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  const current = page.getByRole("row").filter({ hasText: "● current" });
  await current.getByRole("link", { name: /^Create child of/ }).click();
  await expect(page.getByRole("heading", { name: "Create a child blueprint" })).toBeVisible();
  await page.getByLabel("Kind of edit").selectOption("expunge-zone");
  await page.getByLabel("Sled", { exact: true }).selectOption(seed.expunge.splitSledId);
  const zone = page.getByLabel("Zone", { exact: true });
  const crucible = (await zone.locator("option").allTextContents()).find((o) =>
    o.startsWith("crucible "),
  );
  if (!crucible) throw new Error("the split sled runs crucible zones");
  await zone.selectOption({ label: crucible });
  await expect(page.getByText("This edit applies cleanly.")).toBeVisible();
  await page.getByRole("button", { name: "Add to the change" }).click();
  await expect(page.getByRole("region", { name: "Edits in this change" })).toContainText(
    "expunged zone",
  );
  await page.getByLabel("Comment", { exact: true }).fill("expunge a crucible zone (e2e)");
  await checkBothThemes(page, testInfo, "create-child");
  await page.getByRole("button", { name: "Create child blueprint" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stored blueprint" })).toBeVisible();
  // The form starts over for the next change; the stored result stays shown.
  await expect(page.getByRole("heading", { name: "The change (0 edits)" })).toBeVisible();
  await expect(page.getByLabel("Comment", { exact: true })).toHaveValue("");
  return crucible.split(" ")[1] ?? "";
}

test("expunging a crucible zone: graph, safe plan without hazards, phased order with the datasets step failing", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await logIn(page, "olivia");
  const zoneShort = await expungeCrucibleZone(page, testInfo);
  await page.getByRole("link", { name: "See its diff and plan" }).click();

  // The graph: the zone, then its two datasets, each named for screen readers.
  const zoneNode = page.getByRole("group", { name: `zone crucible ${zoneShort} expunged` });
  await expect(zoneNode).toBeVisible();
  await expect(
    page.getByRole("group", { name: /^dataset crucible [0-9a-f]{8}… on [0-9a-f]{8}… expunged$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("group", { name: /^dataset zone root [0-9a-f]{8}… on [0-9a-f]{8}… expunged$/ }),
  ).toBeVisible();
  await expect(page.getByText("Laid out 3 items.")).toBeVisible();
  // Keyboard: Tab reaches every node; Enter selects it and the details panel says why it is there.
  await zoneNode.focus();
  await page.keyboard.press("Enter");
  const details = page.getByRole("region", { name: "Selected item" });
  await expect(details).toContainText(
    `zone crucible ${zoneShort} uses durable dataset crucible on oxp_`,
  );
  await checkBothThemes(page, testInfo, "graph-safe");

  // The safe plan: stop the zone, then destroy its datasets; nothing fails.
  await diffTab(page, "Plan").click();
  await expect(page).toHaveURL(/view=plan/);
  await expect(page.getByText("No step would fail")).toBeVisible();
  const grid = page.getByRole("region", { name: "Steps by wave and sled" });
  await expect(grid.getByRole("article")).toHaveCount(2);
  await expect(grid.getByRole("article").nth(0)).toContainText("PUT /omicron-zones");
  await expect(grid.getByRole("article").nth(1)).toContainText("PUT /datasets");
  await expect(grid).toContainText("profile split");
  await expect(page.getByText("ETA", { exact: true })).toBeVisible();
  await grid.getByText("Request body (JSON)").first().click();
  await expect(grid.locator("pre").first()).toContainText('"generation": 3');
  await checkBothThemes(page, testInfo, "plan-safe");

  // The January-2025 order: datasets before zones; the datasets step would fail.
  // click, not check(): the URL changes first, then the radio follows it
  await page.getByRole("radio", { name: /^phased, as in January 2025/ }).click();
  await expect(page).toHaveURL(/order=phased/);
  await expect(
    page.getByRole("alert").filter({ hasText: "1 step would fail in the phased order" }),
  ).toBeVisible();
  const failing = grid.getByRole("article", { name: /\/1-datasets, would fail$/ });
  await expect(failing).toContainText("PUT /datasets");
  await expect(failing.getByRole("list", { name: "Why it would fail" })).toContainText(
    `destroyed while zone crucible ${zoneShort} uses it`,
  );
  await expect(grid.getByRole("article", { name: /\/2-zones$/ })).toBeVisible();
  await checkBothThemes(page, testInfo, "plan-phased");

  // The same on the graph: both datasets would fail, the zone would not.
  await diffTab(page, "Dependency graph").click();
  await expect(page).toHaveURL(/view=graph.*order=phased|order=phased.*view=graph/);
  await expect(
    page.getByRole("group", { name: /^dataset crucible .* expunged, would fail$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("group", { name: /^dataset zone root .* expunged, would fail$/ }),
  ).toBeVisible();
  await expect(zoneNode).toBeVisible();
  await page.getByRole("group", { name: /^dataset crucible .* would fail$/ }).click();
  await expect(details.getByRole("alert")).toContainText(
    `destroyed while zone crucible ${zoneShort} uses it`,
  );
  await checkBothThemes(page, testInfo, "graph-phased");

  // The URL is the state: a reload shows the same view.
  await page.reload();
  await expect(
    page.getByRole("group", { name: /^dataset crucible .* expunged, would fail$/ }),
  ).toBeVisible();
  await expect(page.getByRole("radio", { name: /^phased, as in January 2025/ })).toBeChecked();
});

test("the same diff as a summary, omicron-style tables and text", async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await logIn(page, "olivia");
  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  const child = page.getByRole("row").filter({ hasText: "expunge a crucible zone (e2e)" }).first();
  await child.getByRole("link", { name: /^Diff from parent, blueprint / }).click();

  const summary = page.getByRole("table", { name: "What changes from the parent to the target" });
  // added, expunged or removed, modified, unchanged, decommissioned
  await expect(summary.getByRole("row", { name: /^zones/ }).getByRole("cell")).toHaveText([
    "0",
    "1",
    "0",
    /^\d+$/,
    "—",
  ]);
  await expect(summary.getByRole("row", { name: /^datasets/ }).getByRole("cell")).toHaveText([
    "0",
    "2",
    "0",
    /^\d+$/,
    "—",
  ]);
  await checkBothThemes(page, testInfo, "diff-summary");

  await diffTab(page, "Per-sled tables").click();
  const zones = page.getByRole("table", { name: "omicron zones" });
  const expunged = zones.getByRole("row").filter({ hasText: "crucible" });
  await expect(expunged).toContainText("in service → expunged");
  // Counted as the summary counts it, in its own word, with the waiting mark as an icon.
  await expect(expunged.getByRole("cell").first()).toHaveText("− expunged");
  await expect(expunged.getByRole("img", { name: "not yet ready for cleanup" })).toBeVisible();
  await checkBothThemes(page, testInfo, "diff-tables");

  await diffTab(page, "Text").click();
  const text = page.getByLabel("Diff text (omicron format)");
  await expect(text).toContainText(`sled ${seed.expunge.splitSledId}`);
  await expect(text).toContainText("omicron zones:");
  await page.getByRole("button", { name: "Copy the diff text" }).click();
  await expect(page.getByText("Copied.")).toBeVisible();
  await checkBothThemes(page, testInfo, "diff-text");
});
