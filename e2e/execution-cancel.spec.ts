// Cancelling a running execution: the request in flight ends on its own, nothing new starts,
// pending steps end cancelled, and the cancellation is in the audit log with its reason.
import { expect, test } from "@playwright/test";
import {
  clearFaults,
  expectAccessible,
  injectFault,
  rack,
  requestAndApprove,
  shot,
  signedIn,
  stateHeading,
  stepRow,
} from "./support/journey";

test("cancelling a running execution: the hung step ends cancelled, its sled's next step never starts", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const r = rack("j7-cancel");
  const [hung, healthy] = r.sleds;
  if (!hung || !healthy) throw new Error("j7-cancel has two sleds");
  // The first sled never answers its zones request (the executor's call timeout ends each try).
  await injectFault(request, r, {
    sled: hung.id,
    method: "PUT",
    path: "/omicron-zones",
    hang: true,
  });
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  try {
    const { executionId } = await requestAndApprove(
      operator.context.request,
      approver.context.request,
      r,
      "j7: to be cancelled",
    );
    const page = operator.page;
    await page.goto(`/executions/${executionId}`);
    await expect(stateHeading(page)).toContainText("running", { timeout: 30_000 });
    // The healthy sled finishes; the hung one is still on its first step.
    await expect(stepRow(page, `${healthy.id}/2-datasets`)).toContainText("✓ succeeded", {
      timeout: 30_000,
    });
    await expect(stepRow(page, `${hung.id}/1-zones`)).toContainText("running");

    await page.getByRole("button", { name: "Cancel execution" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel this execution?" });
    await expect(dialog).toContainText("Requests already sent finish; no further step starts");
    await dialog.getByLabel("Why (recorded in the audit log)").fill("wrong maintenance window");
    await dialog.getByRole("button", { name: "Cancel execution" }).click();

    // The execution is cancelled at once; the hung call ends at the executor's call timeout
    // (10 s), and the step then ends cancelled instead of being retried; the next never starts.
    await expect(stateHeading(page)).toContainText("cancelled", { timeout: 30_000 });
    // Meanwhile the page keeps following the request still in flight.
    await expect(stepRow(page, `${hung.id}/1-zones`)).toContainText("running");
    await expect(page.getByTestId("connection")).not.toHaveText(/has ended/);
    const hungRow = stepRow(page, `${hung.id}/1-zones`);
    await expect(hungRow).toContainText("cancelled", { timeout: 30_000 });
    // Attempt 1 unless the machine was slow enough for a retry to start before the cancel.
    await expect(hungRow).toContainText(/stopped after attempt \d+: not retried/);
    await expect(page.getByTestId("connection")).toHaveText(/has ended/);
    await expect(stepRow(page, `${hung.id}/2-datasets`)).toContainText("cancelled");
    await expect(stepRow(page, `${healthy.id}/1-zones`)).toContainText("✓ succeeded");
    await expect(page.getByRole("button", { name: "Cancel execution" })).toHaveCount(0);
    await shot(page, "7-cancelled");
    await expectAccessible(page);

    // The agent got the zones request (once per attempt), and never the datasets request.
    const sled = (await (await request.get(`${r.admin}/__sim/sleds/${hung.id}`)).json()) as {
      requestLog: { method: string; path: string }[];
    };
    const log = sled.requestLog;
    const attempts = Number(await hungRow.getByRole("cell").nth(3).textContent()); // the attempts column
    expect(attempts).toBeGreaterThanOrEqual(1);
    expect(log.filter((e) => e.method === "PUT" && e.path === "/omicron-zones")).toHaveLength(
      attempts,
    );
    expect(log.filter((e) => e.method === "PUT" && e.path === "/datasets")).toHaveLength(0);

    await page.goto(`/executions/audit?executionId=${executionId}`);
    await expect(page.getByRole("table").first()).toContainText("wrong maintenance window");
  } finally {
    await clearFaults(request, r);
  }
});
