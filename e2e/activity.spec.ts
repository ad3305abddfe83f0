/**
 * Issue 19's journey, "Why is it waiting?": an operator links a rack to its (simulated) Nexus,
 * opens its update-activity page, and — without reloading — sees the planner block on a
 * pending MGS-driven update (the blocker, what it means, what to check), the stall warning
 * (the e2e console runs with STALL_AFTER_MS of a few seconds, e2e/support/console-server.ts),
 * then the block clear: the warning goes, the new target arrives with a link to its diff. The
 * planning report that made that target shows on its blueprint page. An unlinked rack's page
 * says so.
 */
import { expect, test, type Page } from "@playwright/test";
import {
  blockPlanner,
  planNow,
  startNexusSim,
  stopNexusSim,
  unblockPlanner,
  type NexusSim,
} from "./support/nexus-sim-process";
import { checkBothThemes, expectNoSeriousA11yViolations, logIn, screenshot } from "./support/ui";

/** A few poll rounds of the console (5 s) plus the page's refresh (3 s). */
const ARRIVES_MS = 30_000;
const short = (id: string) => `${id.slice(0, 8)}…`;

test.describe.configure({ mode: "serial" });
let sim: NexusSim | undefined;
// Its own seed: the blueprints of nexus-link.spec.ts's simulated Nexus belong to its rack.
test.beforeAll(async () => {
  sim = await startNexusSim(2, "e2e-activity");
});
test.afterAll(() => stopNexusSim(sim));

async function addRack(page: Page): Promise<string> {
  await page.goto("/racks");
  await page.getByLabel("New rack name").fill(`activity-e2e-${Date.now()}`);
  await page.getByRole("button", { name: "Add rack" }).click();
  await expect(page).toHaveURL(/\/racks\/[0-9a-f-]{36}\/import$/);
  return /\/racks\/([0-9a-f-]{36})\//.exec(page.url())?.[1] ?? "";
}

const stallAlert = (page: Page) => page.getByRole("alert").filter({ hasText: "Stalled." });

test("the planner blocks, the activity page shows why and the stall, then follows the block clearing", async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  if (!sim) throw new Error("no simulated Nexus");
  await logIn(page, "olivia");
  const rackId = await addRack(page);
  await page.goto(`/racks/${rackId}`);
  await page.getByLabel("Nexus lockstep URLs, one per instance").fill(sim.nexusUrls.join("\n"));
  await page.getByRole("button", { name: "Link to Nexus" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Linked to 2" })).toBeVisible();

  // From the rack page to its activity page.
  await page.getByRole("link", { name: "Update activity" }).click();
  await expect(page).toHaveURL(new RegExp(`/racks/${rackId}/activity$`));
  const glance = page.getByRole("region", { name: "At a glance" });
  await expect(glance).toContainText(short(sim.blueprintId), { timeout: ARRIVES_MS });
  // The simulated planner runs only when the spec asks (no timer): its config says disabled.
  await expect(glance).toContainText("disabled: Nexus makes no new blueprints");
  const instances = page.getByRole("table", { name: /background tasks/ });
  for (const url of sim.nexusUrls)
    await expect(instances.getByRole("row").filter({ hasText: url })).toBeVisible();
  await expect(stallAlert(page)).toHaveCount(0);

  // The simulated planner blocks on a pending MGS-driven update: the page follows by itself.
  await blockPlanner(sim, "pending-mgs-update");
  const report = page.getByRole("region", { name: "The planner's report" });
  const blocker = report.getByRole("listitem").filter({ hasText: "What it means" }).first();
  await expect(blocker).toContainText("An update driven through MGS", { timeout: ARRIVES_MS });
  await expect(blocker).toContainText("What to check");
  await expect(report).toContainText("Look at the ongoing MGS-driven updates");
  await expect(report).toContainText("unchanged");
  const alert = stallAlert(page);
  await expect(alert).toBeVisible({ timeout: ARRIVES_MS });
  await expect(alert).toContainText("the planner is waiting on:");
  await expect(alert.getByRole("listitem").first()).toContainText("pending MGS update");
  await expect(glance.getByText("stalled", { exact: true })).toBeVisible();
  await checkBothThemes(page, testInfo, "activity-stalled");

  // The block clears and Nexus makes a new target: the warning goes, the target arrives.
  await unblockPlanner(sim);
  const child = await planNow(sim);
  const targets = page.getByRole("table", { name: /The last \d+ targets?, newest first/ });
  const row = targets.getByRole("row").filter({ hasText: short(child) });
  await expect(row).toBeVisible({ timeout: ARRIVES_MS });
  await expect(glance).toContainText(short(child), { timeout: ARRIVES_MS });
  await expect(stallAlert(page)).toHaveCount(0, { timeout: ARRIVES_MS });
  await expect(report).toContainText("targeted", { timeout: ARRIVES_MS });
  await expect(report).toContainText("Nothing: the planner is not blocked.");
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, "activity-unblocked");

  // Its diff is one click away.
  await row
    .getByRole("link", { name: `Diff of target ${short(child)} against its parent` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/diff\\?.*target=${child}`));

  // The report that made it, beside the blueprint (stored by the poller: may take a round).
  await page.goto(`/blueprints/${child}`);
  const made = page.getByRole("region", { name: "The planning report that produced it" });
  await expect(async () => {
    await page.reload();
    await expect(made).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: ARRIVES_MS });
  // Stored from the planner task's run or from the blueprint's own `source`, whichever came first.
  await expect(made).toContainText(/Outcome (targeted|blueprint)/);
  await expect(made.getByRole("heading", { name: "Changes" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, "activity-blueprint-report");
});

test("an unlinked rack's activity page says so and leads to the rack page", async ({
  page,
}, testInfo) => {
  await logIn(page, "olivia");
  const rackId = await addRack(page);
  await page.goto(`/racks/${rackId}/activity`);
  await expect(page.getByText("This rack is not linked to Nexus")).toBeVisible();
  await page.getByRole("link", { name: "Link it from the rack page" }).click();
  await expect(page).toHaveURL(new RegExp(`/racks/${rackId}$`));
  await expect(page.getByRole("button", { name: "Link to Nexus" })).toBeVisible();
  await page.goto(`/racks/${rackId}/activity`);
  await checkBothThemes(page, testInfo, "activity-unlinked");
});
