// Issue 16 in the browser: an admin gives the rack a maintenance window (closed now); an
// operator requests a disk expunge; the approver's page lists what is destroyed and the policy
// results, and approving needs a written override of the soft-mandatory hardware check; the
// approved execution waits for its window, and the approver starts it now with a reason.
import { expect, test } from "@playwright/test";
import { WEEKDAYS } from "~/lib/policy/windows";
import {
  confirmRemovals,
  expectAccessible,
  rack,
  shot,
  signedIn,
  stateHeading,
} from "./support/journey";

test("the approver sees what is destroyed, overrides a soft policy in writing, and starts it outside its window", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const r = rack("j10-policy");
  const disk = r.expungedDisk ?? "";
  const sled = r.sleds[0]?.id ?? "";

  // The admin sets a window three days from now (UTC): closed whenever this runs.
  const admin = await signedIn(browser, "ada");
  await admin.page.goto(`/racks/${r.rackId}`);
  const day = WEEKDAYS[(new Date().getUTCDay() + 3) % 7] ?? "Sun";
  const windows = admin.page.getByRole("form", { name: "Maintenance windows" });
  await windows.getByLabel(/^Windows, one per line/).fill(`${day} 01:00-02:00`);
  await windows.getByLabel(/^Time zone/).fill("UTC");
  await windows.getByRole("button", { name: "Save the windows" }).click();
  await expect(admin.page.getByTestId("windows-description")).toContainText(
    `Windows: ${day} 01:00–02:00 (UTC). Closed now: approved executions wait until`,
  );
  // A malformed line is refused in place, and nothing is saved.
  await windows.getByLabel(/^Windows, one per line/).fill("Tuesday-ish 01:00-02:00");
  await expect(windows.getByRole("alert")).toContainText("is not a day");
  await expect(windows.getByRole("button", { name: "Save the windows" })).toBeDisabled();
  await expectAccessible(admin.page);

  // The operator requests the disk expunge (typed confirmation).
  const operator = await signedIn(browser, "olivia");
  const page = operator.page;
  await page.goto(`/executions/new?targetId=${r.targetId}`);
  await expect(page.getByRole("heading", { name: "What will run" })).toBeVisible({
    timeout: 30_000,
  });
  await confirmRemovals(page);
  await page.getByRole("button", { name: "Request execution" }).click();
  await expect(page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  const executionUrl = page.url();

  // The approver's page: the change in one line, every expunged item with its id, policy results.
  const approver = await signedIn(browser, "avery");
  const ap = approver.page;
  await ap.goto(executionUrl);
  await expect(ap.getByTestId("change-text")).toHaveText(
    new RegExp(
      `^This change expunges 1 disk(, 1 crucible zone)? and \\d+ datasets? on sled ${sled.slice(0, 8)}…; adds 0\\.$`,
    ),
  );
  const destroyed = ap.getByRole("list", { name: `Expunged on sled ${sled.slice(0, 8)}…` });
  await expect(destroyed.getByRole("listitem").first()).toContainText(`disk`);
  await expect(destroyed).toContainText(disk);
  await expect(ap.getByRole("link", { name: "Dependency graph" })).toHaveAttribute(
    "href",
    `/diff?parent=${r.parentId}&target=${r.targetId}&view=graph`,
  );
  const failed = ap.getByRole("list", { name: "Failed policy checks" });
  await expect(failed).toContainText("soft-mandatory");
  await expect(failed).toContainText("expunges-present-hardware");
  const approve = ap.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await expect(ap.getByText("write a reason for each policy you override first")).toBeVisible();
  await expectAccessible(ap);
  await shot(ap, "policy-approval");
  await ap
    .getByLabel("Override expunges-present-hardware: why is this safe?")
    .fill("the disk reports media errors; its data is replicated elsewhere");
  await ap.getByLabel("Decision comment").fill("ok");
  await approve.click();

  // Approved, but outside the window: it waits, says when it starts, and starts on request.
  await expect(stateHeading(ap)).toContainText("approved");
  await expect(ap.getByTestId("window-wait")).toContainText("Approved; it starts at");
  await expect(ap.getByTestId("window-wait")).toContainText(`(${day} 01:00–02:00 (UTC))`);
  await expect(stateHeading(page)).toContainText("approved");
  // The operator sees the wait but has no Start now.
  await expect(page.getByTestId("window-wait")).toBeVisible();
  await expect(page.getByRole("button", { name: "Start now" })).toHaveCount(0);
  await expectAccessible(ap);
  await shot(ap, "policy-window-wait");
  await ap
    .getByLabel("Why it cannot wait (recorded in the audit log)")
    .fill("the disk is failing now");
  await ap.getByRole("button", { name: "Start now" }).click();
  await expect(stateHeading(ap)).toContainText("succeeded", { timeout: 60_000 });
  await expect(ap.getByTestId("window-override")).toContainText(
    "Started outside the maintenance window",
  );
  await expect(ap.getByTestId("window-override")).toContainText("“the disk is failing now”");
  // The override of the soft policy stays on the execution's record, and both are audited.
  await expect(
    ap.getByText(/Overridden by avery at .*: “the disk reports media errors/),
  ).toBeVisible();
  await expect(ap.getByTestId("approval-record")).toContainText("Approved by avery at");
  await ap.goto(`/executions/audit`);
  await expect(ap.getByText("execution.start-now").first()).toBeVisible();
  await expect(ap.getByText("policy-override").first()).toBeVisible();
  for (const c of [admin, operator, approver]) await c.context.close();
});
