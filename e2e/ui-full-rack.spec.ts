/**
 * Operator UI, part 1: a whole rack added (32 sleds, ~2,000 item changes). It opens as an
 * overview (one summary node per sled) while elk lays every sled out in a Web Worker: search,
 * focus and expanding sleds answer meanwhile, and "expand all" draws the items sled by sled.
 */
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations, logIn, screenshot } from "./support/ui";
import type { UiSeed } from "./support/ui-racks";
import { startUiSeed, stopUiSeed } from "./support/ui-seed-process";

let seedProcess: ChildProcess | undefined;
let seed: UiSeed;
test.beforeAll(async () => {
  ({ child: seedProcess, seed } = await startUiSeed());
});
test.afterAll(() => stopUiSeed(seedProcess));

test("a full-rack diff: an overview of sleds that answers search, focus and expansion while it lays out", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await logIn(page, "olivia");
  const { parentId, targetId } = seed.fullRack;
  await page.goto(`/diff?parent=${parentId}&target=${targetId}&view=graph`);

  // The overview is drawn at once: one summary per sled, no item yet; elk works meanwhile.
  const layingOut = page.getByText(/^Laying out \d+ items/);
  await expect(layingOut).toBeVisible({ timeout: 120_000 });
  const items = page.getByRole("status").filter({ hasText: /^\d+ of \d+ items shown/ });
  const total = Number(/of (\d+) items/.exec((await items.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThan(1500);
  const overview = page.getByRole("group", { name: "Sled summaries" });
  const summarised = (n: number) =>
    expect(overview.getByRole("status")).toHaveText(
      new RegExp(`^${n} of 32 sleds shown as a summary: select a sled`),
    );
  await summarised(32);
  const summaries = page.locator(".react-flow__node-sled.collapsed");
  await expect(summaries.first()).toBeVisible();
  await expect(summaries).toHaveCount(32);
  await expect(page.locator(".react-flow__node-item")).toHaveCount(0);
  const firstSummary = summaries.first();
  await expect(firstSummary).toHaveAttribute(
    "aria-label",
    /^sled [0-9a-f]{8}…: \d+ items \(\+\d+ added\), collapsed; select to expand$/,
  );

  // Interact at once, while elk is busy: search counts matches inside the collapsed sleds.
  await page.getByLabel("Search by id or type").fill("nexus");
  await expect(page.getByRole("status").filter({ hasText: /, \d+ matching “nexus”/ })).toBeVisible({
    timeout: 15_000,
  });
  const answeredWhileLayingOut = await layingOut.isVisible();
  const matching = Number(/, (\d+) matching/.exec((await items.textContent()) ?? "")?.[1]);
  expect(matching).toBeGreaterThan(0);
  const ringed = page.locator(".react-flow__node-sled.collapsed.matched");
  const holding = await ringed.count();
  expect(holding).toBeGreaterThan(0);
  expect(holding).toBeLessThan(32);
  await screenshot(page, testInfo, "graph-full-rack-overview-search");

  // "Show matches" draws just the sleds holding a match, and the matches are there to select.
  await page.getByRole("button", { name: "Show matches" }).click();
  const matchedItems = page.locator(".react-flow__node-item.matched");
  await expect(matchedItems.first()).toBeVisible({ timeout: 15_000 });
  await summarised(32 - holding);
  await matchedItems.first().click();
  await expect(page.getByRole("region", { name: "Selected item" })).toContainText(/nexus/i);
  await page.getByLabel("Search by id or type").fill("");

  // Keyboard: Tab to a collapsed sled, Enter draws its items; its title offers to collapse it.
  // (Only what is in view is in the DOM, so counts come from the overview's status.)
  await summaries.first().focus();
  await page.keyboard.press("Enter");
  await summarised(31 - holding);
  const collapseButtons = page.getByRole("button", { name: /^Collapse sled [0-9a-f]{8}…$/ });
  await expect(collapseButtons.first()).toBeVisible();
  await collapseButtons.first().click();
  await summarised(32 - holding);

  // Focus on one sled: its items are drawn at once, whatever was collapsed.
  await page.getByLabel("Focus on sled").selectOption({ index: 3 });
  await expect(page).toHaveURL(/sled=[0-9a-f-]{36}/);
  await expect(items).toHaveText(new RegExp(`^\\d{2,3} of ${total} items shown`), {
    timeout: 15_000,
  });
  await expect(summaries).toHaveCount(0);
  await expect(page.locator(".react-flow__node-item").first()).toBeVisible();
  const description = `search answered ${answeredWhileLayingOut ? "while elk was still laying out" : "after elk had finished"}`;
  testInfo.annotations.push({ type: "layout", description });
  console.log(`full-rack graph: ${description}`);

  await expect(page.getByText(/^Laid out \d+ items/)).toBeVisible({ timeout: 240_000 });
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, "graph-full-rack-one-sled");

  // Back to the whole rack: the overview again, then every sled drawn, chunk by chunk.
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(items).toHaveText(new RegExp(`^${total} of ${total} items shown`));
  await summarised(32 - holding);
  // The view fits the whole rack again: every sled is in view (only what is in view is drawn).
  await expect(page.locator(".react-flow__node-sled")).toHaveCount(32);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, "graph-full-rack-overview");
  // Keyboard focus moves on to an expanded sled's first item once it is drawn (checked here,
  // after elk laid the rack out: while it still works, a sled's items wait for their layout).
  await summaries.first().focus();
  await page.keyboard.press("Enter");
  await summarised(31 - holding);
  await expect(page.locator(".react-flow__node-item:focus")).toHaveCount(1, { timeout: 15_000 });
  await overview.getByRole("button", { name: "Expand all sleds" }).click();
  await expect(overview.getByRole("status")).toHaveText(
    `Every sled's items are drawn (${total} items).`,
    { timeout: 60_000 },
  );
  await expect(summaries).toHaveCount(0);
  await expect(page.locator(".react-flow__node-item").first()).toBeVisible();
  await screenshot(page, testInfo, "graph-full-rack");
  await overview.getByRole("button", { name: "Collapse all sleds" }).click();
  await summarised(32);
  await expect(summaries).toHaveCount(32);
});
