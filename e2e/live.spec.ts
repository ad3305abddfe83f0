// Issue 13, "Live without polling" and "Graphs": a change made in another browser reaches the
// pages that show it without a reload within 2 s (the stated requirement; the one
// timed assertion per change), through the session's live stream (live.events). The toast
// never covers the plan graph and does not link to the page it is shown on; the plan graph
// names each node's sled and fits its nodes; the diff graph's minimap never covers a node; a
// sled agent is registered from the rack page; links' names contain their visible text.
import { expect, test, type Page } from "@playwright/test";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import { mutate, rack, requestAndApprove, signedIn } from "./support/journey";

/** The bound for a change made elsewhere to show. */
const LIVE_MS = 2_000;

/** The page's live stream is connected (a hidden marker the stream's provider keeps). */
async function streamIsLive(page: Page): Promise<void> {
  await expect(page.getByTestId("live-stream")).toHaveAttribute("data-state", "live", {
    timeout: 15_000,
  });
}

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every link with an aria-label names its visible text (WCAG 2.5.3, label in name). */
async function expectLabelInName(page: Page): Promise<void> {
  const mismatches = await page.locator("a[aria-label]").evaluateAll((links) =>
    links
      .map((a) => ({
        label: (a.getAttribute("aria-label") ?? "").toLowerCase(),
        text: (a as HTMLElement).innerText.replace(/\s+/g, " ").trim().toLowerCase(),
      }))
      .filter((l) => l.text !== "" && !l.label.includes(l.text)),
  );
  expect(mismatches).toEqual([]);
}

test("a request made in another browser reaches the approver's queue, nav count and toast, and a viewer's history, within 2 s", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const r = rack("j10-live");
  const approver = await signedIn(browser, "avery");
  const viewer = await signedIn(browser, "vic");
  const operator = await signedIn(browser, "olivia");
  const other = await signedIn(browser, "oscar");

  await approver.page.goto("/");
  await streamIsLive(approver.page);
  const queue = approver.page.getByRole("region", { name: "Awaiting your approval" });
  await expect(queue).toBeVisible();
  // An approver lands on their queue: it is the dashboard's first section.
  const firstSection = approver.page.locator("main section").first();
  await expect(firstSection).toHaveAttribute("aria-labelledby", "dash-approvals");
  const badge = approver.page.getByRole("navigation").getByTestId("approvals-count");
  // Other journeys run beside this one and change the count too: the badge is compared with
  // the server's count at that moment, not with "before + 1".
  const awaitingOnServer = async () => {
    const input = encodeURIComponent(JSON.stringify({ state: "awaiting_approval" }));
    const res = await approver.context.request.get(`/api/trpc/execution.list?input=${input}`);
    const body = (await res.json()) as { result?: { data: unknown[] } };
    return body.result?.data.length ?? -1;
  };
  await viewer.page.goto("/executions");
  await streamIsLive(viewer.page);
  await expectLabelInName(viewer.page);

  const comment = `live feed ${Date.now()}`;
  const { executionId, planHash } = await requestAndApprove(
    operator.context.request,
    null,
    r,
    comment,
  );

  // No reload anywhere: the stream's event refetches what each page shows.
  await expect(queue.getByRole("row").filter({ hasText: comment })).toBeVisible({
    timeout: LIVE_MS,
  });
  await expect
    .poll(
      async () => Number.parseInt((await badge.textContent()) ?? "") === (await awaitingOnServer()),
      { timeout: LIVE_MS },
    )
    .toBe(true);
  const toasts = approver.page.getByRole("region", { name: "Notifications" });
  const requested = toasts.getByText(`Approval requested by olivia: “${comment}”`);
  await expect(requested).toBeVisible({ timeout: LIVE_MS });
  await expect(toasts.getByRole("link", { name: "Review" })).toHaveAttribute(
    "href",
    `/executions/${executionId}`,
  );
  const history = viewer.page.getByRole("table").first();
  await expect(history.getByRole("row").filter({ hasText: executionId.slice(0, 8) })).toBeVisible({
    timeout: LIVE_MS,
  });

  // On the execution's own page; approved in a third browser, it runs.
  await approver.page.goto(`/executions/${executionId}`);
  await streamIsLive(approver.page);
  const approved = await mutate(other.context.request, "execution.approve", {
    executionId,
    planHash,
    comment: "approved by the live feed journey",
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  // Its plan graph names each node's sled and fits its nodes.
  const graph = approver.page.locator(".step-graph");
  const nodes = graph.locator(".react-flow__node-step");
  await expect(nodes.first()).toBeVisible();
  const count = await nodes.count();
  for (let i = 0; i < count; i++) {
    const node = nodes.nth(i);
    await expect(node.getByTestId("step-node-sled")).toHaveText(/^(sled [0-9a-f]{8}…|Nexus)$/);
    // No line of a node is cut short.
    const cut = await node
      .locator(".step-node-path")
      .evaluateAll((lines) => lines.filter((l) => l.scrollWidth > l.clientWidth + 1).length);
    expect(cut).toBe(0);
  }
  const graphBox = (await graph.boundingBox()) as Box;
  const nodeBoxes = (await nodes.evaluateAll((els) =>
    els.map((e) => {
      const b = e.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }),
  )) as Box[];
  const top = Math.min(...nodeBoxes.map((b) => b.y));
  const bottom = Math.max(...nodeBoxes.map((b) => b.y + b.height));
  // The box holds its nodes with a margin, not a big empty box around one node.
  expect(graphBox.height).toBeLessThanOrEqual(bottom - top + 80);
  for (const b of nodeBoxes) expect(intersects(graphBox, b)).toBe(true);

  // When it ends, the toast says so, with no link to the page it is on, not over the graph.
  const ended = toasts.getByText(/ended: succeeded/);
  await expect(ended).toBeVisible({ timeout: 30_000 });
  await expect(toasts.getByRole("link")).toHaveCount(0);
  const toastBox = (await toasts.getByRole("list").boundingBox()) as Box;
  const shownGraph = (await graph.boundingBox()) as Box;
  expect(intersects(toastBox, shownGraph)).toBe(false);
  await expect(approver.page.getByRole("heading", { level: 1 })).toContainText(/succeeded/i);

  for (const c of [approver, viewer, operator, other]) await c.context.close();
});

test("a blueprint imported in another browser shows in a viewer's history at once; a sled agent is registered from the rack page", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const operator = await signedIn(browser, "olivia");
  const viewer = await signedIn(browser, "vic");
  const name = `live-${Date.now()}`;
  const made = await mutate<{ id: string }>(operator.context.request, "rack.create", { name });
  const rackId = made.body.result?.data.id;
  if (!rackId) throw new Error(`rack.create: ${JSON.stringify(made.body)}`);

  await viewer.page.goto(`/racks/${rackId}/blueprints`);
  await streamIsLive(viewer.page);
  const example = makeExampleRack({ sleds: 2, seed: name });
  const imported = await mutate(operator.context.request, "blueprint.import", {
    rackId,
    json: toOmicronJson(example),
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  const history = viewer.page.getByRole("table", { name: "Blueprint history, newest first" });
  await expect(history.getByRole("row").filter({ hasText: example.id.slice(0, 8) })).toBeVisible({
    timeout: LIVE_MS,
  });
  await expectLabelInName(viewer.page);

  // Register the first sled's agent through the form (no agent yet).
  await operator.page.goto(`/racks/${rackId}`);
  const form = operator.page.getByRole("form", { name: "Set a sled agent" });
  const sledId = example.sleds[0]?.id ?? "";
  const sled = form.getByLabel("Sled");
  await expect(sled.locator("option", { hasText: "(no agent yet)" })).toHaveCount(2);
  await sled.selectOption(sledId);
  await form.getByLabel("Agent address").fill("http://127.0.0.1:9");
  await form.getByLabel("API profile").selectOption("split");
  await form.getByRole("button", { name: "Save agent" }).click();
  await expect(form.getByRole("status")).toContainText("Saved");
  const row = operator.page
    .getByRole("table", { name: /^Sleds, read at/ })
    .getByRole("row", { name: new RegExp(sledId.slice(0, 8)) });
  await expect(row).toContainText("http://127.0.0.1:9");
  await expect(row).toContainText("split");
  await expect(sled.locator("option", { hasText: "(no agent yet)" })).toHaveCount(1);

  await operator.context.close();
  await viewer.context.close();
});

test("the diff graph's minimap never covers a node", async ({ browser }) => {
  const r = rack("j9-dashboard");
  const viewer = await signedIn(browser, "vic");
  await viewer.page.goto(`/diff?parent=${r.parentId}&target=${r.targetId}&view=graph`);
  const canvas = viewer.page.locator(".graph-canvas");
  await expect(canvas.locator(".react-flow__node-item").first()).toBeVisible({ timeout: 20_000 });
  const minimap = viewer.page.getByLabel("Minimap of the dependency graph");
  await expect(minimap).toBeVisible();
  const mapBox = (await viewer.page.locator(".react-flow__minimap").boundingBox()) as Box;
  const nodeBoxes = (await canvas.locator(".react-flow__node").evaluateAll((els) =>
    els.map((e) => {
      const b = e.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    }),
  )) as Box[];
  expect(nodeBoxes.length).toBeGreaterThan(0);
  for (const b of nodeBoxes) expect(intersects(mapBox, b)).toBe(false);
  // Nor the whole canvas: nodes panned anywhere stay clear of it.
  expect(intersects(mapBox, (await canvas.boundingBox()) as Box)).toBe(false);
  await viewer.context.close();
});
