/** The console's theme in e2e: follow an emulated system preference, as an operator's OS would. */
import { expect, type Page } from "@playwright/test";

/**
 * Emulates `prefers-color-scheme` and waits until the console has switched: the theme lives on
 * <html data-theme> (components/ui/theme.ts), set on load and on every system change.
 */
export async function emulateTheme(page: Page, colorScheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await expect(page.locator("html")).toHaveAttribute("data-theme", colorScheme);
}
