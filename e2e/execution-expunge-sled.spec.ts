// Issue 12: a target that asks nothing of any sled agent (a whole sled expunged: the sled is
// gone, only the blueprint changes) is requested, approved by a second person and executed (one
// decommission step, no request); it becomes the rack's current blueprint, the rack view shows
// the sled decommissioned, and a child of it can be created and requested.
import { expect, test } from "@playwright/test";
import {
  confirmRemovals,
  expectAccessible,
  rack,
  shot,
  signedIn,
  stateHeading,
  stepRow,
} from "./support/journey";

test("an expunged sled: requested, approved, decommissioned, current; then a child of it is requested", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const r = rack("j8-expunge-sled");
  const gone = r.expungedSled ?? "";
  const stays = r.sleds.find((s) => s.id !== gone)?.id ?? "";
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  // The sled is physically gone: its agent answers nothing, and nothing needs it to.
  const crashed = await operator.context.request.post(`${r.admin}/__sim/sleds/${gone}/crash`, {
    data: {},
  });
  expect(crashed.ok(), await crashed.text()).toBe(true);

  // The plan says what will happen instead of "Nothing to send".
  const page = operator.page;
  await page.goto(`/diff?parent=${r.parentId}&target=${r.targetId}&view=plan`);
  await expect(page.getByTestId("no-request-note")).toHaveText(
    `No request to any sled agent; sled ${gone.slice(0, 8)}… will be marked decommissioned (the console stops reading its agent).`,
    { timeout: 30_000 },
  );
  await expect(page.getByText("Nothing to send")).toHaveCount(0);
  await shot(page, "8-plan");
  await page.getByRole("link", { name: "Request execution…" }).click();
  await expect(page).toHaveURL(`/executions/new?targetId=${r.targetId}`);
  await expect(page.getByRole("heading", { name: "What will run" })).toBeVisible();
  await expect(
    page.getByText("no request to any sled agent, 1 sled marked decommissioned", { exact: false }),
  ).toBeVisible();
  await confirmRemovals(page);
  await page.getByLabel("Comment for the approver").fill("sled 0 is gone");
  const request = page.getByRole("button", { name: "Request execution" });
  await expect(request).toBeEnabled();
  await expectAccessible(page);
  await request.click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  const executionUrl = page.url();
  await expect(stateHeading(page)).toContainText("awaiting approval");

  // A second person approves, in their own browser context.
  await approver.page.goto(executionUrl);
  await expect(approver.page.getByRole("heading", { name: "The exact plan" })).toBeVisible();
  await expect(approver.page.getByText("none: the sled is marked decommissioned")).toBeVisible();
  // A sled leaving the rack needs two approvers (issue 16): the first one's approval waits.
  await expect(approver.page.getByTestId("approval-tally")).toHaveText("0 of 2 approvals");
  await approver.page.getByLabel("Decision comment").fill("the sled is gone");
  await approver.page.getByRole("button", { name: "Approve" }).click();
  await expect(approver.page.getByTestId("approval-tally")).toContainText(
    "1 of 2 approvals: avery",
  );
  await expect(approver.page.getByText("you have already approved this execution")).toBeVisible();
  await expect(stateHeading(approver.page)).toContainText("awaiting approval");
  const second = await signedIn(browser, "oscar");
  await second.page.goto(executionUrl);
  await second.page.getByLabel("Decision comment").fill("confirmed with the floor");
  await second.page.getByRole("button", { name: "Approve" }).click();
  for (const p of [page, approver.page]) {
    await expect(stateHeading(p)).toContainText("succeeded", { timeout: 30_000 });
    await expect(p.getByTestId("progress-count")).toHaveText("1 / 1 steps done");
  }
  await expect(stepRow(page, `${gone}/decommission`)).toContainText(
    `no request to any sled agent: sled ${gone.slice(0, 8)}… will be marked decommissioned`,
  );
  await shot(page, "8-succeeded");
  await expectAccessible(page);

  // The target is the rack's current blueprint; the gone sled reads as decommissioned.
  await page.goto(`/racks/${r.rackId}/blueprints`);
  const current = page.getByRole("row").filter({ hasText: "● current" });
  await expect(current).toContainText(r.targetId.slice(0, 8));
  await page.goto(`/racks/${r.rackId}`);
  await expect(page.getByRole("row").filter({ hasText: gone.slice(0, 8) })).toContainText(
    "decommissioned: no longer read",
    { timeout: 15_000 },
  );
  await shot(page, "8-rack-after");

  // A child of it: expunge a crucible zone on the sled that stays, then request it.
  await page.goto(`/racks/${r.rackId}/blueprints`);
  await page
    .getByRole("row")
    .filter({ hasText: "● current" })
    .getByRole("link", { name: /^Create child of/ })
    .click();
  await expect(page.getByRole("heading", { name: "Create a child blueprint" })).toBeVisible();
  await page.getByLabel("Kind of edit").selectOption("expunge-zone");
  await page.getByLabel("Sled", { exact: true }).selectOption(stays);
  const zone = page.getByLabel("Zone", { exact: true });
  const crucible = (await zone.locator("option").allTextContents()).find((o) =>
    o.startsWith("crucible "),
  );
  if (!crucible) throw new Error("the sled that stays runs crucible zones");
  await zone.selectOption({ label: crucible });
  await page.getByRole("button", { name: "Add to the change" }).click();
  await page.getByRole("button", { name: "Create child blueprint" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Stored blueprint" })).toBeVisible();
  await page.getByRole("link", { name: "See its diff and plan" }).click();
  await page.getByRole("link", { name: "Request execution…" }).click();
  await expect(page.getByRole("heading", { name: "What will run" })).toBeVisible();
  await confirmRemovals(page);
  await page.getByRole("button", { name: "Request execution" }).click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toBe(executionUrl);
  await expect(stateHeading(page)).toContainText("awaiting approval");
  await shot(page, "8-child-requested");
});
