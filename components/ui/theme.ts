/**
 * Light and dark themes (Oxide's design system: dark is the default, `data-theme="light"` on
 * <html> switches). The operator's choice is kept in localStorage; without one the console
 * follows the system's `prefers-color-scheme`. The same function runs inline in <head>
 * (app/layout.tsx) before the first paint, so a page never flashes the wrong theme.
 */
export type Theme = "light" | "dark";

export const THEME_STORAGE_KEY = "blueprint-console-theme";

/** The stored choice if it is one, else the system preference. */
export function resolveTheme(stored: string | null, systemPrefersLight: boolean): Theme {
  if (stored === "light" || stored === "dark") return stored;
  return systemPrefersLight ? "light" : "dark";
}

function applyStoredTheme(key: string): void {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(key);
  } catch {
    // storage refused (privacy mode): follow the system
  }
  const light = window.matchMedia("(prefers-color-scheme: light)").matches;
  document.documentElement.dataset.theme =
    stored === "light" || stored === "dark" ? stored : light ? "light" : "dark";
}

/** The inline <head> script: sets data-theme before anything renders. */
export const THEME_INIT_SCRIPT = `(${applyStoredTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)})`;
