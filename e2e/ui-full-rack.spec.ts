/**
 * Operator UI, part 1: a whole rack added (32 sleds, ~2,000 item changes). elk lays it out in
 * a Web Worker while the page stays usable: search and the sled focus answer meanwhile.
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

test("a full-rack diff: the graph answers search and focus while it lays out", async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await logIn(page, "olivia");
  const { parentId, targetId } = seed.fullRack;
  await page.goto(`/diff?parent=${parentId}&target=${targetId}&view=graph`);

  // The first layout is drawn at once; elk refines it in its worker meanwhile.
  const layingOut = page.getByText(/^Laying out \d+ items/);
  await expect(layingOut).toBeVisible({ timeout: 120_000 });
  const items = page.getByRole("status").filter({ hasText: /^\d+ of \d+ items shown/ });
  const total = Number(/of (\d+) items/.exec((await items.textContent()) ?? "")?.[1]);
  expect(total).toBeGreaterThan(1500);

  // Interact at once, while elk is busy: search, then focus on one sled.
  await page.getByLabel("Search by id or type").fill("nexus");
  await expect(page.getByRole("status").filter({ hasText: /, \d+ matching “nexus”/ })).toBeVisible({
    timeout: 15_000,
  });
  const answeredWhileLayingOut = await layingOut.isVisible();
  await screenshot(page, testInfo, "graph-full-rack-laying-out");
  await page.getByLabel("Focus on sled").selectOption({ index: 3 });
  await expect(page).toHaveURL(/sled=[0-9a-f-]{36}/);
  await expect(items).toHaveText(new RegExp(`^\\d{2,3} of ${total} items shown`), {
    timeout: 15_000,
  });
  const description = `search answered ${answeredWhileLayingOut ? "while elk was still laying out" : "after elk had finished"}`;
  testInfo.annotations.push({ type: "layout", description });
  console.log(`full-rack graph: ${description}`);

  await expect(page.getByText(/^Laid out \d+ items/)).toBeVisible({ timeout: 240_000 });
  await expect(page.locator(".react-flow__node-item").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, "graph-full-rack-one-sled");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(items).toHaveText(new RegExp(`^${total} of ${total} items shown`));
  await screenshot(page, testInfo, "graph-full-rack");
});
