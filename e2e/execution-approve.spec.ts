// Issue 7, journeys 1 and 2: an operator requests an expunge with the typed confirmation, an
// approver approves, both watch it run; the requester can never approve their own request.
import { expect, test } from "@playwright/test";
import {
  checkBothThemes,
  expectAccessible,
  mutate,
  rack,
  shot,
  signedIn,
  stateHeading,
} from "./support/journey";

test("operator requests an expunge, approver approves, both watch it succeed, the rack is at the target", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const r = rack("j1-expunge");
  const approver = await signedIn(browser, "avery");
  const operator = await signedIn(browser, "olivia");
  // The approver is already looking at the console when the request arrives.
  await approver.page.goto("/executions/approvals");
  await expect(approver.page.getByRole("heading", { name: "Awaiting approval" })).toBeVisible();

  // From the change's plan (part 1's diff page) to the request form.
  await operator.page.goto(`/diff?parent=${r.parentId}&target=${r.targetId}&view=plan`);
  await expect(operator.page.getByText("No step would fail")).toBeVisible({ timeout: 30_000 });
  await operator.page.getByRole("link", { name: "Request execution…" }).click();
  await expect(operator.page).toHaveURL(`/executions/new?targetId=${r.targetId}`);
  const request = operator.page.getByRole("button", { name: "Request execution" });
  await expect(operator.page.getByRole("heading", { name: "What will run" })).toBeVisible();
  await expect(operator.page.getByText(`zone crucible ${r.expungedZones[0]}`)).toBeVisible();
  await expect(request).toBeDisabled();
  await expect(operator.page.getByText("type the confirmation above first")).toBeVisible();
  await operator.page.getByLabel("Confirmation").fill("1");
  await expect(request).toBeDisabled();
  await operator.page.getByLabel("Confirmation").fill(String(r.expungedZones.length));
  await operator.page
    .getByLabel("Comment for the approver")
    .fill("expunge the crucible zones of j1");
  await expect(request).toBeEnabled();
  await shot(operator.page, "1-request");
  await expectAccessible(operator.page);
  await request.click();

  await expect(operator.page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  const executionUrl = operator.page.url();
  await expect(stateHeading(operator.page)).toContainText("awaiting approval");
  await shot(operator.page, "1-awaiting-approval-operator");

  // The approver hears of it without reloading: a toast and the count in the navigation.
  await expect(approver.page.getByRole("region", { name: "Notifications" })).toContainText(
    "Approval requested by olivia",
    { timeout: 15_000 },
  );
  await expect(
    approver.page.getByRole("navigation", { name: "Main" }).getByTestId("approvals-count"),
  ).toBeVisible();
  await shot(approver.page, "1-inbox-toast");
  await expectAccessible(approver.page);
  // This request's row (other journeys' requests may be waiting too: they run side by side).
  await approver.page
    .getByRole("table")
    .locator(`a[href="${new URL(executionUrl).pathname}"]`)
    .first()
    .click();
  await expect(approver.page).toHaveURL(executionUrl);
  await expect(approver.page.getByRole("heading", { name: "The exact plan" })).toBeVisible();
  await expect(
    approver.page.getByText("expunge the crucible zones of j1", { exact: true }),
  ).toBeVisible();
  await expect(approver.page.getByText(/^None: every step/)).toBeVisible();
  await expect(approver.page.getByTestId("plan-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await checkBothThemes(approver.page, "1-approval");
  await approver.page.getByLabel("Decision comment").fill("looks right");
  await approver.page.getByRole("button", { name: "Approve" }).click();

  // Both watch it run to the end on the pages they have open.
  for (const p of [operator.page, approver.page]) {
    await expect(stateHeading(p)).toContainText("succeeded", { timeout: 30_000 });
    await expect(p.getByTestId("progress-count")).toHaveText(
      `${r.expungedZones.length} / ${r.expungedZones.length} steps done`,
    );
  }
  await expect(operator.page.getByRole("region", { name: "Notifications" })).toContainText(
    "ended: succeeded",
    { timeout: 15_000 },
  );
  await checkBothThemes(operator.page, "1-succeeded");

  // The rack view reads the sled agents: every sled is at the target's generation.
  await operator.page.goto(`/racks/${r.rackId}`);
  const sleds = operator.page
    .getByRole("table", { name: /^Sleds, read at/ })
    .getByRole("row")
    .filter({ has: operator.page.getByRole("rowheader") });
  await expect(sleds).toHaveCount(r.sleds.length, { timeout: 15_000 });
  for (const row of await sleds.all()) await expect(row).toContainText("config 3");
  await shot(operator.page, "1-rack-after");

  // History (filters in the URL) links to the record; the audit log names every actor.
  const me = (await (await operator.context.request.get("/api/trpc/auth.me")).json()) as {
    result: { data: { id: string } };
  };
  const today = new Date().toISOString().slice(0, 10);
  await operator.page.goto(
    `/executions?state=succeeded&requestedById=${me.result.data.id}&rackId=${r.rackId}&from=${today}&to=${today}`,
  );
  await expect(operator.page.getByLabel("State")).toHaveValue("succeeded");
  // The requester filter is a combobox: it shows the user by name, the URL holds the id.
  await expect(operator.page.getByLabel("Requester")).toHaveValue("olivia");
  await expect(operator.page.getByLabel("From (UTC day)")).toHaveValue(today);
  const rows = operator.page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await shot(operator.page, "1-history");
  await expectAccessible(operator.page);
  await operator.page.getByLabel("State").selectOption("failed");
  await expect(operator.page).toHaveURL(/state=failed/);
  await expect(operator.page.getByText("No execution matches these filters.")).toBeVisible();
  await operator.page.getByLabel("State").selectOption("succeeded");
  await operator.page.getByRole("table").getByRole("link").click();
  await expect(operator.page).toHaveURL(executionUrl);
  const executionId = executionUrl.split("/").pop() ?? "";
  await operator.page.goto(`/executions/audit?executionId=${executionId}`);
  for (const [actor, action] of [
    ["olivia", "execution.request"],
    ["avery", "execution.approve"],
  ]) {
    await expect(
      operator.page
        .getByRole("row")
        .filter({ hasText: action })
        .filter({ hasText: actor ?? "" }),
    ).toHaveCount(1);
  }
  await expect(
    operator.page.getByRole("row").filter({ hasText: "execution.finish" }),
  ).toContainText("outcome: succeeded");
  await shot(operator.page, "1-audit");
  await expectAccessible(operator.page);
});

test("the requester cannot approve: disabled with the reason, and refused by the server", async ({
  browser,
}) => {
  const r = rack("j2-self-approve");
  const requester = await signedIn(browser, "oscar"); // operator and approver
  await requester.page.goto(`/executions/new?targetId=${r.targetId}`);
  const zone = r.expungedZones[0] ?? "";
  await expect(
    requester.page.getByText(`Type the id of the crucible zone being expunged (${zone})`),
  ).toBeVisible();
  await requester.page.getByLabel("Confirmation").fill(zone.toUpperCase());
  await requester.page.getByRole("button", { name: "Request execution" }).click();
  await expect(stateHeading(requester.page)).toContainText("awaiting approval");
  const executionId = requester.page.url().split("/").pop() ?? "";

  const approve = requester.page.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await expect(requester.page.getByRole("button", { name: "Reject" })).toBeDisabled();
  await expect(approve).toHaveAccessibleDescription(
    "you requested this execution; a second person must approve it",
  );
  await shot(requester.page, "2-requester-disabled");
  await expectAccessible(requester.page);

  const planHash = (await requester.page.getByTestId("plan-hash").textContent()) ?? "";
  const direct = await mutate(requester.page.request, "execution.approve", {
    executionId,
    planHash,
    comment: "sneaky",
  });
  expect(direct.status).toBe(403);
  expect(direct.body.error?.data?.code).toBe("FORBIDDEN");
  expect(direct.body.error?.message).toContain("you requested this execution");

  // A viewer sees the plan but no decision controls.
  const viewer = await signedIn(browser, "vic");
  await viewer.page.goto(`/executions/${executionId}`);
  await expect(viewer.page.getByRole("heading", { name: "The exact plan" })).toBeVisible();
  await expect(viewer.page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(viewer.page.getByRole("button", { name: "Cancel execution" })).toBeDisabled();
  await shot(viewer.page, "2-viewer");

  // The requester withdraws it through the one confirm modal.
  await requester.page.getByRole("button", { name: "Cancel execution" }).click();
  const dialog = requester.page.getByRole("dialog", { name: "Cancel this execution?" });
  await dialog.getByLabel("Why (recorded in the audit log)").fill("needs another approver");
  await shot(requester.page, "2-cancel-confirm");
  await dialog.getByRole("button", { name: "Cancel execution" }).click();
  await expect(stateHeading(requester.page)).toContainText("cancelled");
  await expect(viewer.page.getByRole("heading", { level: 1 })).toContainText("cancelled", {
    timeout: 15_000,
  });
});
