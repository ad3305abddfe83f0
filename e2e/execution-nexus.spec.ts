// Issue 15: on a rack linked to its (simulated) Nexus, an operator requests a change in the
// default `nexus` mode, a second person approves it in another browser, and both watch the
// console hand the target to Nexus and watch each sled reconcile it, to succeeded.
import { expect, test } from "@playwright/test";
import { expectAccessible, rack, shot, signedIn, stateHeading } from "./support/journey";

test("nexus mode: requested, approved by a second person, Nexus applies the target, succeeded", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const r = rack("j9-nexus");
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");

  await operator.page.goto(`/executions/new?targetId=${r.targetId}`);
  const mode = operator.page.getByRole("group", { name: /Execution mode/ });
  await expect(mode).toBeVisible({ timeout: 30_000 });
  await expect(mode.getByRole("radio", { name: /^nexus/ })).toBeChecked();
  await expect(operator.page.getByRole("heading", { name: "What will run" })).toBeVisible();
  await expect(operator.page.getByText(/Mode: nexus — through Nexus/)).toBeVisible();
  await expect(operator.page.getByText(/2 sleds watched until reconciled/)).toBeVisible();
  await operator.page.getByLabel("Confirmation").fill(String(r.expungedZones.length));
  await operator.page.getByLabel("Comment for the approver").fill("through Nexus");
  await shot(operator.page, "9-request-nexus");
  await expectAccessible(operator.page);
  await operator.page.getByRole("button", { name: "Request execution" }).click();
  await expect(operator.page).toHaveURL(/\/executions\/[0-9a-f-]{36}$/);
  const executionUrl = operator.page.url();
  await expect(operator.page.locator("dl").getByTestId("execution-mode")).toHaveText("nexus");

  await approver.page.goto(executionUrl);
  await expect(approver.page.getByRole("heading", { name: "The exact plan" })).toBeVisible();
  await expect(
    approver.page.getByRole("region", { name: "Approval" }).getByTestId("execution-mode"),
  ).toHaveText("nexus");
  await expect(approver.page.getByText(/^None: every step/)).toBeVisible();
  await approver.page.getByLabel("Decision comment").fill("Nexus may apply it");
  await approver.page.getByRole("button", { name: "Approve" }).click();

  for (const p of [operator.page, approver.page]) {
    await expect(stateHeading(p)).toContainText("succeeded", { timeout: 45_000 });
    await expect(p.getByText("Nexus", { exact: true }).first()).toBeVisible();
  }
  await shot(operator.page, "9-succeeded-nexus");

  // Nexus's target followed: the simulated Nexus's admin API shows the target, enabled.
  const admin = (await (await operator.context.request.get(`${r.admin}/__sim/nexus`)).json()) as {
    target: { targetId: string; enabled: boolean };
  };
  expect(admin.target).toEqual(expect.objectContaining({ targetId: r.targetId, enabled: true }));
  await operator.context.close();
  await approver.context.close();
});
