import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

test("the first page shows the console is up and connected to PostgreSQL", async ({ page }) => {
  const res = await page.goto("/");
  await expect(page.getByRole("banner")).toContainText("Blueprint Console");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard");
  await expect(page.getByRole("heading", { level: 2, name: "Console status" })).toBeVisible();
  // Signed out, the dashboard says what logging in gives instead of failing.
  await expect(
    page.getByText("You need to log in to see your racks, approvals and executions."),
  ).toBeVisible();
  await expect(page.getByText("Database connected")).toBeVisible();
  // Anonymous visitors learn that it is up, not which PostgreSQL it runs (issue 12).
  await expect(page.getByText("log in to see its version")).toBeVisible();
  await expect(page.getByTestId("db-version")).toHaveCount(0);
  // The console must not be framed, and says so on every page (server/http/security-headers.ts).
  const headers = res?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // A tab and a bookmark show the console's own icon.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const served = await page.request.get(icon ?? "");
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toContain("image/svg+xml");
  await page.screenshot({ path: "test-results/screenshots/home-light.png", fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);
});

test("the first page is accessible in dark mode too", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  await expect(page.getByText("Database connected")).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/home-dark.png", fullPage: true });
  expect(await seriousA11yViolations(page)).toEqual([]);
});
