// Issue 7, journey 6: the console process dies mid-execution and starts again on the same
// port; the open page recovers on its own and the execution finishes (resumed from Postgres).
import { expect, test } from "@playwright/test";
import { killConsole, startConsoleAgain } from "./support/console-server";
import {
  clearFaults,
  expectAccessible,
  injectFault,
  rack,
  requestAndApprove,
  shot,
  signedIn,
  stateHeading,
} from "./support/journey";

test("the server restarts mid-execution: the page reconnects and the execution finishes", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const r = rack("j6-restart");
  // Slow sleds, so the restart lands while requests are in flight.
  await injectFault(request, r, { sled: "all", method: "PUT", latencyMs: 2_500 });
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  try {
    const { executionId } = await requestAndApprove(
      operator.context.request,
      approver.context.request,
      r,
      "j6: survives a restart",
    );
    await operator.page.goto(`/executions/${executionId}`);
    await expect(stateHeading(operator.page)).toContainText("running", { timeout: 15_000 });
    await expect(operator.page.getByRole("cell", { name: "▶ running" }).first()).toBeVisible();
    await expect(operator.page.getByTestId("connection")).toHaveText(/Live/);

    await killConsole();
    await expect(operator.page.getByTestId("connection")).toHaveText(/reconnecting/, {
      timeout: 15_000,
    });
    await shot(operator.page, "6-reconnecting");
    await startConsoleAgain();

    // No reload: the feed resumes and the new process's executor finishes the work.
    await expect(stateHeading(operator.page)).toContainText("succeeded", { timeout: 60_000 });
    await expect(operator.page.getByTestId("progress-count")).toHaveText(
      `${r.sleds.length * 2} / ${r.sleds.length * 2} steps done`,
    );
    await operator.page.getByText(/^Activity/).click();
    await expect(operator.page.getByText(/resumed by/).first()).toBeVisible();
    await shot(operator.page, "6-resumed-succeeded");
    await expectAccessible(operator.page);
  } finally {
    await clearFaults(request, r);
  }
});
