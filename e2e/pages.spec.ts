// Issue 13: every page of the console, in the light and the dark theme, is axe-clean, and a
// screenshot of each (both themes) is kept as a test artifact (test-results/e2e/<test>/...,
// attached to the report). The theme follows the system preference unless the operator picked
// one with the header's toggle, which persists across reloads.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { rack, requestAndApprove, seriousA11yViolations, signedIn } from "./support/journey";
import { emulateTheme } from "./support/theme";

const THEMES = ["light", "dark"] as const;

/** The page has rendered its data: its h1 is there and no query still says it is loading. */
async function settled(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: /…$/ })).toHaveCount(0, {
    timeout: 20_000,
  });
}

/** axe and a full-page screenshot of the page in both themes. */
async function checkPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await settled(page);
  for (const theme of THEMES) {
    await emulateTheme(page, theme);
    const violations = await seriousA11yViolations(page);
    expect(violations, `${name} (${theme})`).toEqual([]);
    const path = testInfo.outputPath(`${name}-${theme}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${theme}`, { path, contentType: "image/png" });
  }
}

test("every page is accessible and captured in both themes", async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const r = rack("j10-pages");
  const operator = await signedIn(browser, "olivia");
  const approver = await signedIn(browser, "avery");
  const comment = `pages journey ${Date.now()}`;
  const { executionId } = await requestAndApprove(operator.context.request, null, r, comment);

  // Signed out: the login page.
  const anonymous = await browser.newContext();
  const login = await anonymous.newPage();
  await login.goto("/login");
  await checkPage(login, testInfo, "login");
  await anonymous.close();

  const pages: [name: string, url: string][] = [
    ["dashboard", "/"],
    ["racks", "/racks"],
    ["rack", `/racks/${r.rackId}`],
    ["rack-activity", `/racks/${r.rackId}/activity`],
    ["rack-blueprints", `/racks/${r.rackId}/blueprints`],
    ["rack-import", `/racks/${r.rackId}/import`],
    ["blueprint", `/blueprints/${r.targetId}`],
    ["blueprint-child", `/blueprints/${r.parentId}/child`],
    ["diff-empty", "/diff"],
    ...(["summary", "tables", "text", "graph", "plan"] as const).map((view): [string, string] => [
      `diff-${view}`,
      `/diff?parent=${r.parentId}&target=${r.targetId}&view=${view}`,
    ]),
    ["executions", "/executions"],
    ["execution", `/executions/${executionId}`],
    ["execution-new", `/executions/new?targetId=${r.targetId}`],
    ["audit", "/executions/audit"],
  ];
  for (const [name, url] of pages) {
    await operator.page.goto(url);
    await checkPage(operator.page, testInfo, name);
  }
  // The approver's queue holds the operator's request.
  await approver.page.goto("/executions/approvals");
  await expect(approver.page.getByRole("main")).toContainText(comment);
  await checkPage(approver.page, testInfo, "approvals");

  // Cleared for the journeys after this one.
  const rejected = await approver.context.request.post("/api/trpc/execution.reject", {
    data: { executionId, comment: "only the pages journey" },
  });
  expect(rejected.ok(), await rejected.text()).toBe(true);
  await operator.context.close();
  await approver.context.close();
});

test("the theme toggle overrides the system preference and is remembered", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
  // Remembered: a reload in a dark system still shows the light theme, before any click.
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  await expect(page.getByRole("button", { name: "Switch to dark theme" })).toBeVisible();
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("a big table sorts by a click on its column header, and says how", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "olivia");
  await page.goto("/executions/audit");
  const table = page.getByRole("table", { name: /newest first/ });
  await expect(table.getByRole("row").nth(2)).toBeVisible(); // a header row and 2+ entries
  const header = table.getByRole("columnheader", { name: "Action" });
  const actions = () => table.locator("tbody tr td:nth-child(3)").allTextContents();
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const ascending = await actions();
  expect(ascending).toEqual([...ascending].sort());
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const descending = await actions();
  expect(descending).toEqual([...ascending].reverse());
  await context.close();
});
