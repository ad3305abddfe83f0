/**
 * Issue 14's journey: an operator links a rack to its (simulated) Nexus from the rack page,
 * sees Nexus's target arrive, watches a new target appear without reloading when Nexus's
 * planner makes one, and opens its diff graph from the target timeline. A viewer sees the link
 * form disabled with the reason. The console under test polls Nexus every 5 s (NEXUS_POLL_MS).
 */
import { expect, test, type Page } from "@playwright/test";
import {
  planNow,
  setNexusEra,
  startNexusSim,
  stopNexusSim,
  type NexusSim,
} from "./support/nexus-sim-process";
import { readState } from "./support/state-file";
import { checkBothThemes, expectNoSeriousA11yViolations, logIn, screenshot } from "./support/ui";

/** A few poll rounds of the console (5 s) plus the page's refresh (3 s). */
const ARRIVES_MS = 30_000;
const short = (id: string) => `${id.slice(0, 8)}…`;

// The journeys build on each other: one simulated Nexus serves one rack (the console stores a
// blueprint once, under the first rack that saw it), so the raw journey reuses the linked rack.
test.describe.configure({ mode: "serial" });
let sim: NexusSim | undefined;
let linkedRackId: string | undefined;
test.beforeAll(async () => {
  sim = await startNexusSim(2);
});
test.afterAll(() => stopNexusSim(sim));

async function addRack(page: Page): Promise<string> {
  await page.goto("/racks");
  await page.getByLabel("New rack name").fill(`nexus-e2e-${Date.now()}`);
  await page.getByRole("button", { name: "Add rack" }).click();
  await expect(page).toHaveURL(/\/racks\/[0-9a-f-]{36}\/import$/);
  return /\/racks\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
}

/** Links the rack from its page (a refusal shown first) and waits for both instances to be read. */
async function linkFromRackPage(page: Page, rackId: string, sim: NexusSim) {
  await page.goto(`/racks/${rackId}`);
  const nexus = page.getByRole("region", { name: "Nexus" });
  await expect(nexus).toContainText("Not linked to Nexus");
  const urls = page.getByLabel("Nexus lockstep URLs, one per instance");
  await urls.fill("ftp://nexus.example");
  await page.getByRole("button", { name: "Link to Nexus" }).click();
  await expect(nexus.getByRole("alert")).toContainText("http:// or https://");
  await urls.fill(sim.nexusUrls.join("\n"));
  await page.getByRole("button", { name: "Link to Nexus" }).click();
  await expect(nexus.getByRole("status").filter({ hasText: "Linked to 2" })).toBeVisible();
  const instances = nexus.getByRole("table", { name: /Nexus instances/ });
  for (const url of sim.nexusUrls)
    await expect(instances.getByRole("row").filter({ hasText: url })).toContainText("✓ ok", {
      timeout: ARRIVES_MS,
    });
  return nexus;
}

const timelineRow = (page: Page, blueprintId: string) =>
  page
    .getByRole("table", { name: "Targets, newest first" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: short(blueprintId), exact: true }) });

test("link a rack to Nexus, watch a new target arrive live, open its diff graph", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  if (!sim) throw new Error("no simulated Nexus");
  await logIn(page, "olivia");
  const rackId = await addRack(page);
  const nexus = await linkFromRackPage(page, rackId, sim);
  linkedRackId = rackId;
  await expect(timelineRow(page, sim.blueprintId)).toContainText("✓ enabled");
  await expectNoSeriousA11yViolations(page);

  // Nexus's planner makes a new target: it appears without a reload.
  const child = await planNow(sim);
  const row = timelineRow(page, child);
  await expect(row).toBeVisible({ timeout: ARRIVES_MS });
  await expect(nexus.getByRole("definition").first()).toContainText(short(child));
  await expect(page.getByRole("link", { name: child })).toBeVisible(); // the rack's current blueprint
  await checkBothThemes(page, testInfo, "nexus-linked");

  // The blueprint history shows it too, as Nexus made it.
  await page.goto(`/racks/${rackId}/blueprints`);
  const history = page.getByRole("table", { name: "Blueprint history, newest first" });
  await expect(history.getByRole("row").filter({ hasText: short(child) })).toContainText("nexus");
  // …and the next one Nexus makes arrives there without a reload, with Nexus's comment.
  const next = await planNow(sim);
  const nextRow = history.getByRole("row").filter({ hasText: short(next) });
  await expect(nextRow).toContainText("nexus", { timeout: ARRIVES_MS });
  await expect(nextRow).not.toContainText("no comment");

  // One click from the timeline to its diff graph against its parent.
  await page.goto(`/racks/${rackId}`);
  await timelineRow(page, child)
    .getByRole("link", { name: `Diff graph of target ${short(child)} against its parent` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?.*target=${child}.*view=graph`));
  await expect(page.getByText(/Laid out \d+ items?\./)).toBeVisible({ timeout: 30_000 });
  await screenshot(page, testInfo, "nexus-target-diff-graph");
});

test("a viewer sees the Nexus link disabled, with the reason", async ({ page }) => {
  await logIn(page, "vic");
  await page.goto(`/racks/${readState().seed.racks["j1-expunge"]?.rackId ?? ""}`);
  await expect(page.getByRole("button", { name: "Link to Nexus" })).toBeDisabled();
  await expect(
    page.getByText("To link the rack to its Nexus you need the operator role; vic has viewer."),
  ).toBeVisible();
});

test("a blueprint in an era the console cannot read: raw JSON, a banner, never a diff or an execution", async ({
  page,
}) => {
  test.setTimeout(120_000);
  if (!sim) throw new Error("no simulated Nexus");
  const rackId = linkedRackId;
  if (!rackId) throw new Error("the linking journey did not link a rack");
  await logIn(page, "olivia");
  await page.goto(`/racks/${rackId}`);
  await setNexusEra(sim, "future");
  const child = await planNow(sim);
  const row = timelineRow(page, child);
  await expect(row).toContainText("unreadable (raw)", { timeout: ARRIVES_MS });
  await expect(row).toContainText("none: the console could not read it");
  await expect(page.getByRole("table", { name: /Nexus instances/ })).toContainText("? unknown era");
  await expectNoSeriousA11yViolations(page);

  await page.goto(`/racks/${rackId}/blueprints`);
  const raw = page.getByRole("region", { name: "Blueprints the console could not read" });
  await raw.getByRole("link", { name: short(child), exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/blueprints/${child}$`));
  const banner = page.getByRole("note", { name: "Blueprint the console could not read" });
  await expect(banner).toContainText("cannot be the parent or target of an execution");
  await expect(banner).toContainText("Nexus era");
  await expect(page.getByRole("region", { name: "Raw blueprint JSON" })).toContainText(child);
  await expectNoSeriousA11yViolations(page);
  await setNexusEra(sim, "lockstep");
});
