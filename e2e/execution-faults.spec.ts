// Issue 7, journeys 3–5: failures driven by the simulator's fault injection (sim/admin.ts)
// and by a sled agent changed out of band, watched in the live execution view.
import { expect, test } from "@playwright/test";
import {
  checkBothThemes,
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

test("a sled that refuses its request: the step fails with the error, its dependents are skipped, other sleds succeed", async ({
  browser,
  request,
}) => {
  const r = rack("j3-fault");
  const [bad, ...good] = r.sleds;
  if (!bad) throw new Error("j3-fault has no sleds");
  await injectFault(request, r, {
    sled: bad.id,
    method: "PUT",
    path: "/omicron-zones",
    errorRate: { rate: 1, status: 400 },
  });
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  try {
    const { executionId } = await requestAndApprove(
      operator.context.request,
      approver.context.request,
      r,
      "j3: one sled refuses",
    );
    await operator.page.goto(`/executions/${executionId}`);
    await expect(stateHeading(operator.page)).toContainText("failed", { timeout: 30_000 });

    const failed = stepRow(operator.page, `${bad.id}/1-zones`);
    await expect(failed).toContainText("✕ failed");
    await expect(failed).toContainText("HTTP 400");
    await expect(failed).toContainText("likely root failure");
    await expect(stepRow(operator.page, `${bad.id}/2-datasets`)).toContainText("skipped");
    for (const s of good) {
      await expect(stepRow(operator.page, `${s.id}/1-zones`)).toContainText("✓ succeeded");
      await expect(stepRow(operator.page, `${s.id}/2-datasets`)).toContainText("✓ succeeded");
    }
    const outcome = operator.page
      .getByRole("status")
      .filter({ has: operator.page.getByRole("heading", { name: "Likely root failure" }) });
    await expect(outcome).toContainText(
      new RegExp(
        `Skipped because of it: sled ${bad.id.slice(0, 8)}…: set datasets gen \\d+ \\(2-datasets\\)\\.`,
      ),
    );
    // The plan graph names each step's state too (not only its colour).
    const graph = operator.page.getByRole("region", { name: "Plan graph" });
    await expect(
      graph.getByRole("group", {
        name: `step 1-zones on sled ${bad.id.slice(0, 8)}…: failed, likely root failure`,
      }),
    ).toBeVisible();
    await expect(
      graph.getByRole("group", { name: `step 2-datasets on sled ${bad.id.slice(0, 8)}…: skipped` }),
    ).toBeVisible();

    await failed.getByRole("button", { name: "1-zones" }).click();
    const detail = operator.page.getByRole("region", { name: /^Step 1-zones: failed/ });
    await expect(detail.getByRole("heading", { name: /Attempt 1: HTTP 400/ })).toBeVisible();
    await expect(detail).toContainText("simulated fault");
    await checkBothThemes(operator.page, "3-failed");
  } finally {
    await clearFaults(request, r);
  }
});

test("a sled answering 503 twice: the attempts are visible and the step succeeds after retries", async ({
  browser,
  request,
}) => {
  const r = rack("j4-retry");
  const sled = r.sleds[0];
  if (!sled) throw new Error("j4-retry has no sleds");
  await injectFault(request, r, {
    sled: sled.id,
    method: "PUT",
    path: "/omicron-config",
    failNext: { count: 2, status: 503 },
  });
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  try {
    const { executionId } = await requestAndApprove(
      operator.context.request,
      approver.context.request,
      r,
      "j4: a busy sled",
    );
    await approver.page.goto(`/executions/${executionId}`);
    await expect(stateHeading(approver.page)).toContainText("succeeded", { timeout: 30_000 });
    const row = stepRow(approver.page, `${sled.id}/1-config`);
    await expect(row).toContainText("✓ succeeded");
    await expect(row.getByRole("cell").nth(3)).toHaveText("3"); // attempts
    await row.getByRole("button", { name: "1-config" }).click();
    const detail = approver.page.getByRole("region", { name: /^Step 1-config: succeeded/ });
    await expect(detail.getByRole("heading", { name: /^Attempt \d/ })).toHaveCount(3);
    await expect(
      detail.getByRole("heading", { name: "Attempt 1: HTTP 503 · retryable error" }),
    ).toBeVisible();
    await expect(
      detail.getByRole("heading", { name: "Attempt 2: HTTP 503 · retryable error" }),
    ).toBeVisible();
    await expect(
      detail.getByRole("heading", { name: /^Attempt 3: HTTP 2\d\d · ok/ }),
    ).toBeVisible();
    await expect(
      approver.page
        .getByRole("list", { name: `sled ${sled.id.slice(0, 8)}…` })
        .getByRole("listitem"),
    ).toContainText("3 attempts");
    await shot(approver.page, "4-retried");
    await expectAccessible(approver.page);
  } finally {
    await clearFaults(request, r);
  }
});

test("a plan made stale out of band before approval: the execution ends stale and says why", async ({
  browser,
  request,
}) => {
  const r = rack("j5-stale");
  const sled = r.sleds[0];
  if (!sled) throw new Error("j5-stale has no sleds");
  const operator = await signedIn(browser, "olivia");
  const { executionId } = await requestAndApprove(
    operator.context.request,
    null,
    r,
    "j5: goes stale",
  );

  // Someone else brings the sled to a newer generation directly at its agent.
  const inventory = (await (await request.get(`${sled.url}/inventory`)).json()) as {
    ledgered_sled_config: { generation: number };
  };
  const newer = {
    ...inventory.ledgered_sled_config,
    generation: inventory.ledgered_sled_config.generation + 1,
  };
  const put = await request.put(`${sled.url}/omicron-config`, { data: newer });
  expect(put.status(), await put.text()).toBeLessThan(300);

  const approver = await signedIn(browser, "avery");
  await approver.page.goto(`/executions/${executionId}`);
  await approver.page.getByRole("button", { name: "Approve" }).click();
  await expect(stateHeading(approver.page)).toContainText("stale", { timeout: 30_000 });
  const why = approver.page
    .getByRole("status")
    .filter({ has: approver.page.getByRole("heading", { name: "Stale plan: nothing was sent" }) });
  await expect(why).toContainText(
    `config generation is ${newer.generation}, the plan assumed ${newer.generation - 1}`,
  );
  await expect(approver.page.getByTestId("progress-count")).toHaveText(
    `0 / ${r.sleds.length} steps done`,
  );
  await shot(approver.page, "5-stale");
  await expectAccessible(approver.page);
});
