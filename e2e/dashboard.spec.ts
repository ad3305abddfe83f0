// Issue 13: the home page is a dashboard. An approver finds a new request in their queue there
// without reloading; the requester sees it as awaiting approval (not theirs to approve); both
// see each rack with its sleds' health read from the simulated sled agents.
import { expect, test } from "@playwright/test";
import { checkBothThemes, rack, requestAndApprove, signedIn } from "./support/journey";

test("the dashboard shows an approver's queue live, the requester's view, and each rack's sled health", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const r = rack("j9-dashboard");
  const approver = await signedIn(browser, "avery");
  const operator = await signedIn(browser, "olivia");

  await approver.page.goto("/");
  await expect(approver.page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  const queue = approver.page.getByRole("region", { name: "Awaiting your approval" });
  await expect(queue).toBeVisible();
  const racks = approver.page.getByRole("region", { name: "Racks" });
  const row = racks.getByRole("row").filter({ hasText: "j9-dashboard" });
  // Both simulated sleds answer and hold the rack's current blueprint.
  await expect(row).toContainText("2 in sync", { timeout: 20_000 });
  await expect(row.getByRole("link", { name: "j9-dashboard" })).toHaveAttribute(
    "href",
    `/racks/${r.rackId}`,
  );

  // A request arrives while the approver is looking: it shows up without a reload.
  const comment = `dashboard journey ${Date.now()}`;
  const { executionId } = await requestAndApprove(operator.context.request, null, r, comment);
  const mine = queue.getByRole("row").filter({ hasText: comment });
  await expect(mine).toBeVisible({ timeout: 10_000 });
  await expect(mine.getByRole("link").first()).toHaveAttribute(
    "href",
    `/executions/${executionId}`,
  );
  await checkBothThemes(approver.page, "dashboard-approver");

  // The requester cannot approve their own request: theirs is "Awaiting approval".
  await operator.page.goto("/");
  await expect(operator.page.getByRole("region", { name: "Awaiting your approval" })).toHaveCount(
    0,
  );
  const waiting = operator.page.getByRole("region", { name: "Awaiting approval" });
  await expect(waiting.getByRole("row").filter({ hasText: comment })).toBeVisible();
  await checkBothThemes(operator.page, "dashboard-operator");

  // Cleared for the journeys after this one: the request is rejected.
  const rejected = await approver.context.request.post("/api/trpc/execution.reject", {
    data: { executionId, comment: "only a dashboard journey" },
  });
  expect(rejected.ok(), await rejected.text()).toBe(true);
  await expect(mine).toHaveCount(0, { timeout: 10_000 });
  await approver.context.close();
  await operator.context.close();
});

test("a rack's page opens by name too, and an unknown rack says so at once", async ({
  browser,
}) => {
  const viewer = await signedIn(browser, "vic");
  await viewer.page.goto("/racks/j9-dashboard");
  await expect(viewer.page.getByRole("heading", { level: 1 })).toHaveText("Rack j9-dashboard");
  await viewer.page.goto("/racks/no-such-rack");
  await expect(viewer.page.getByRole("heading", { level: 1 })).toHaveText("No such rack");
  await expect(viewer.page.getByText("There is no rack named no-such-rack.")).toBeVisible();
  // An id no rack has: the refusal at once (a 404 is not retried), not a spinner.
  await viewer.page.goto("/racks/00000000-0000-4000-8000-000000000000");
  await expect(
    viewer.page.getByText("rack 00000000-0000-4000-8000-000000000000 not found"),
  ).toBeVisible({ timeout: 3_000 });
  await viewer.context.close();
});

test("the diff page's picker compares any two blueprints of a rack", async ({ browser }) => {
  const r = rack("j9-dashboard");
  const viewer = await signedIn(browser, "vic");
  await viewer.page.goto("/diff");
  await expect(viewer.page.getByText("No diff chosen.")).toBeVisible();
  await viewer.page.getByLabel("Rack").selectOption({ label: "j9-dashboard" });
  const picker = viewer.page.getByRole("form", { name: "Compare two blueprints" });
  // The rack's current blueprint → its newest is the default pair.
  await expect(picker.getByLabel("Target")).toHaveValue(r.targetId);
  await expect(picker.getByLabel("Parent (what runs now)")).toHaveValue(r.parentId);
  await picker.getByLabel("Parent (what runs now)").selectOption(r.targetId);
  await expect(picker.getByRole("button", { name: "Show diff" })).toBeDisabled();
  await expect(picker.getByText("Pick two different blueprints.")).toBeVisible();
  await picker.getByLabel("Parent (what runs now)").selectOption(r.parentId);
  await picker.getByRole("button", { name: "Show diff" }).click();
  await expect(viewer.page).toHaveURL(new RegExp(`parent=${r.parentId}.*target=${r.targetId}`));
  await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText(
    `${r.parentId.slice(0, 8)}`,
  );
  await expect(
    viewer.page.getByRole("table", { name: "What changes from the parent to the target" }),
  ).toBeVisible();
  await viewer.context.close();
});
