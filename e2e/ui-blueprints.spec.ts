/**
 * Operator UI, part 1: logging in and out, roles, racks, the rack's inventory, the blueprint
 * history, importing a real omicron sled config with errors (nothing stored), and importing a
 * big blueprint from a file (sent gzipped, with progress).
 */
import type { ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { toOmicronJson } from "~/lib/blueprint/export.ts";
import { makeExampleRack } from "~/lib/examples/rack.ts";
import { omicronJson } from "../test/omicron-fixtures";
import { checkBothThemes, logIn, logOut, screenshot } from "./support/ui";
import type { UiSeed } from "./support/ui-racks";
import { startUiSeed, stopUiSeed } from "./support/ui-seed-process";

type SledConfigJson = {
  datasets: Record<string, Record<string, unknown>>;
  zones: Record<string, { zone_type: { type: string; dataset?: { pool_name: string } } }>;
};

let seedProcess: ChildProcess | undefined;
let seed: UiSeed;
test.beforeAll(async () => {
  ({ child: seedProcess, seed } = await startUiSeed());
});
test.afterAll(() => stopUiSeed(seedProcess));

test("logging in shows the name and roles in the header; logging out asks to log in again", async ({
  page,
}, testInfo) => {
  await page.goto("/racks");
  await expect(page.getByText("You need to log in to see the racks.")).toBeVisible();
  await page.goto("/login");
  await checkBothThemes(page, testInfo, "login");
  await logIn(page, "olivia");
  await expect(page.getByRole("banner")).toContainText("Signed in as olivia (viewer, operator)");
  await logOut(page);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Log in" })).toBeVisible();
  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  await expect(page.getByText("You need to log in to see the rack's blueprints.")).toBeVisible();
});

test("a viewer sees what needs the operator role disabled, with the reason", async ({
  page,
}, testInfo) => {
  await logIn(page, "vic");
  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  await expect(page.getByRole("button", { name: "Import a blueprint" })).toBeDisabled();
  await expect(
    page.getByText("To import blueprints you need the operator role; vic has viewer."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create child" })).toBeDisabled();
  await screenshot(page, testInfo, "blueprints-as-viewer");
  await page.goto(`/racks/${seed.expunge.rackId}/import`);
  await expect(
    page.getByText("To import blueprints you need the operator role; vic has viewer."),
  ).toBeVisible();
});

test("racks, a rack's sleds from inventory, and its blueprint history", async ({
  page,
}, testInfo) => {
  await logIn(page, "olivia");
  await page.goto("/racks");
  await checkBothThemes(page, testInfo, "racks");
  await page.getByRole("link", { name: "ui-expunge", exact: true }).click();
  const sleds = page.getByRole("table", { name: /^Sleds, read at/ });
  await expect(sleds.getByRole("row")).toHaveCount(3);
  const splitRow = sleds.getByRole("row", {
    name: new RegExp(seed.expunge.splitSledId.slice(0, 8)),
  });
  await expect(splitRow).toContainText("split");
  await expect(splitRow).toContainText("✓ reachable");
  await expect(splitRow).toContainText("disks 2 · datasets 2 · zones 2");
  await expect(splitRow).toContainText("✓ in sync");
  const reconcilerRow = sleds.getByRole("row", {
    name: new RegExp(seed.expunge.reconcilerSledId.slice(0, 8)),
  });
  await expect(reconcilerRow).toContainText(/config 2.*reconciled generation 2 since/);
  await checkBothThemes(page, testInfo, "rack");
  await page.getByRole("link", { name: /^Blueprints/ }).click();
  const history = page.getByRole("table", { name: "Blueprint history, newest first" });
  const current = history.getByRole("row").filter({ hasText: "● current" });
  await expect(current).toHaveCount(1);
  await expect(current).toContainText("2 / 20 /");
  await expect(current).toContainText("e2e seed");
  await checkBothThemes(page, testInfo, "blueprints");
});

test("the rack page registers a sled agent for operators, shows refusals inline, and tells viewers why not", async ({
  page,
}) => {
  await logIn(page, "olivia");
  await page.goto(`/racks/${seed.expunge.rackId}`);
  const form = page.getByRole("form", { name: "Set a sled agent" });
  await form.getByLabel("Sled").selectOption(seed.expunge.splitSledId);
  const address = form.getByLabel("Agent address");
  await expect(address).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
  const current = await address.inputValue();
  await expect(form.getByLabel("API profile")).toHaveValue("split");
  // Off the allow-list (SLED_AGENT_ALLOWED_HOSTS): refused inline, nothing stored.
  await address.fill("http://169.254.169.254");
  await form.getByRole("button", { name: "Save agent" }).click();
  await expect(form.getByRole("alert")).toContainText(
    "169.254.169.254 is not an allowed sled agent host",
  );
  await address.fill(current);
  await form.getByRole("button", { name: "Save agent" }).click();
  await expect(form.getByRole("status")).toContainText("Saved");
  const sleds = page.getByRole("table", { name: /^Sleds, read at/ });
  await expect(
    sleds.getByRole("row", { name: new RegExp(seed.expunge.splitSledId.slice(0, 8)) }),
  ).toContainText(current);
  await logOut(page);
  await logIn(page, "vic");
  await page.goto(`/racks/${seed.expunge.rackId}`);
  await expect(page.getByRole("button", { name: "Set a sled agent" })).toBeDisabled();
  await expect(
    page.getByText("To register or change sled agents you need the operator role; vic has viewer."),
  ).toBeVisible();
});

test("importing a real sled config with errors shows each finding inline and stores nothing", async ({
  page,
}, testInfo) => {
  await logIn(page, "olivia");
  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  const rows = page
    .getByRole("table", { name: "Blueprint history, newest first" })
    .getByRole("row");
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await page.getByRole("link", { name: "Import a blueprint" }).click();
  await checkBothThemes(page, testInfo, "import");

  const form = page.getByRole("form", { name: "Import a blueprint" });
  const paste = page.getByLabel("Or paste the JSON");
  const submit = page.getByRole("button", { name: "Validate and import" });
  await paste.fill('{ "generation": 2,\n  oops }');
  await submit.click();
  await expect(form.getByRole("alert")).toContainText(
    "Not sent: (root): This is not valid JSON (line 2, column 3)",
  );

  // omicron's dogfood sled config (2025-05-01) with one dataset's name removed: a schema error.
  const config = omicronJson<SledConfigJson>("dogfood-2025-05-01-merged-sled-config.json");
  const [datasetId] = Object.keys(config.datasets);
  if (!datasetId) throw new Error("the dogfood sled has datasets");
  const broken = structuredClone(config);
  delete broken.datasets[datasetId]?.name;
  await paste.fill(JSON.stringify(broken, null, 2));
  await submit.click();
  const errors = page.getByRole("list", { name: "Import errors" });
  await expect(errors).toContainText(
    `datasets.${datasetId}.name: Expected an object, but the field is missing.`,
  );
  await expect(form.getByRole("alert")).toContainText("Not stored");
  await checkBothThemes(page, testInfo, "import-error");

  // The same sled, uploaded as a file, with a crucible zone pointing at a pool it has no disk for.
  const misplaced = structuredClone(config);
  const crucible = Object.values(misplaced.zones).find((z) => z.zone_type.type === "crucible");
  if (!crucible?.zone_type.dataset) throw new Error("the dogfood sled runs crucible");
  crucible.zone_type.dataset.pool_name = "oxp_00000000-0000-4000-8000-000000000000";
  await paste.fill("");
  await page.getByLabel(/^Upload a file/).setInputFiles({
    name: "sled-config.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(misplaced)),
  });
  await submit.click();
  const alert = form.getByRole("alert").filter({ hasText: "Not stored" });
  await expect(alert).toContainText("error (zone-dataset-missing)");
  await expect(alert).toContainText(
    "has no durable dataset crucible on oxp_00000000-0000-4000-8000-000000000000",
  );
  await expect(alert).toContainText(/sleds\.[0-9a-f-]{36}\.zones\[id=[0-9a-f-]{36}\]/);
  await screenshot(page, testInfo, "import-finding");

  await page.goto(`/racks/${seed.expunge.rackId}/blueprints`);
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBe(before);
});

test("importing a big blueprint from a file shows its progress, then the stored blueprint", async ({
  page,
}) => {
  await logIn(page, "olivia");
  await page.goto("/racks");
  await page.getByLabel("New rack name").fill(`big-import-e2e-${Date.now()}`);
  await page.getByRole("button", { name: "Add rack" }).click();
  await expect(page).toHaveURL(/\/racks\/[0-9a-f-]{36}\/import$/);

  // 200 sleds, pretty-printed: about 5 MiB of JSON, too big for the text box.
  const model = makeExampleRack({ sleds: 200, seed: `big-import-${Date.now()}` });
  const text = JSON.stringify(toOmicronJson(model), null, 2);
  expect(text.length).toBeGreaterThan(4 * 2 ** 20);
  await page.getByLabel(/^Upload a file/).setInputFiles({
    name: "big-blueprint.json",
    mimeType: "application/json",
    buffer: Buffer.from(text),
  });
  const form = page.getByRole("form", { name: "Import a blueprint" });
  await expect(form).toContainText("big-blueprint.json (");
  await expect(form).toContainText("is sent from the file, compressed");
  await expect(page.getByLabel("Or paste the JSON")).toHaveValue("");

  // Upload slowed to 256 KiB/s (Chromium's network emulation) so the progress can be seen.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 256 * 1024,
  });
  await page.getByRole("button", { name: "Validate and import" }).click();
  const progress = page.getByRole("status", { name: "Import progress" });
  await expect(progress).toContainText(
    /Sending: [\d.]+ (KiB|MiB) of [\d.]+ (KiB|MiB) \(gzip of [\d.]+ MiB of JSON\)/,
  );
  await expect(progress.locator("progress")).toBeVisible();

  const stored = form.getByRole("status").filter({ hasText: "Stored blueprint" });
  await expect(stored).toContainText(
    `Stored blueprint ${model.id} (now the rack's current blueprint)`,
    {
      timeout: 30_000,
    },
  );
  await expect(progress).toBeHidden();
  await expect(form).toContainText(/Sent [\d.]+ (KiB|MiB) \(gzip of [\d.]+ MiB of JSON\)\./);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await form.getByRole("link", { name: "Blueprint history" }).click();
  await expect(
    page.getByRole("table", { name: "Blueprint history, newest first" }).getByRole("row", {
      name: new RegExp(model.id.slice(0, 8)),
    }),
  ).toBeVisible();
});
