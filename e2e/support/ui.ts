/** Helpers for the operator-UI journeys: log in through the form, axe, screenshots. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { E2E_PASSWORD, type E2EUser } from "./racks";
import { emulateTheme } from "./theme";

/** Logs in through the login page, as a person would. */
export async function logIn(page: Page, user: E2EUser): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Name").fill(user);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("banner")).toContainText(`Signed in as ${user}`);
}

/** Logs out through the user menu in the header. */
export async function logOut(page: Page): Promise<void> {
  await page
    .getByRole("banner")
    .getByRole("button", { name: /account menu$/ })
    .click();
  await page.getByRole("menuitem", { name: "Log out" }).click();
}

/** axe on the whole page: no serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
  expect(serious).toEqual([]);
}

/** A full-page screenshot in test-results/screenshots/ui-<name>.png, attached to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = `test-results/screenshots/ui-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** Checks a page both ways an operator may see it: light and dark. */
export async function checkBothThemes(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await emulateTheme(page, colorScheme);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, testInfo, `${name}-${colorScheme}`);
  }
  await emulateTheme(page, "light");
}
