"use client";

import { Moon12Icon, Sun12Icon } from "@oxide/design-system/icons/react";
import { useCallback, useSyncExternalStore } from "react";
import { resolveTheme, THEME_STORAGE_KEY, type Theme } from "./theme";

const SYSTEM_LIGHT = "(prefers-color-scheme: light)";

function readStored(): string | null {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    return null;
  }
}

function currentTheme(): Theme {
  return resolveTheme(readStored(), window.matchMedia(SYSTEM_LIGHT).matches);
}

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

/** Re-render when the system preference or another tab's choice changes. */
function subscribe(onChange: () => void) {
  const media = window.matchMedia(SYSTEM_LIGHT);
  const update = () => {
    apply(currentTheme());
    onChange();
  };
  media.addEventListener("change", update);
  window.addEventListener("storage", update);
  return () => {
    media.removeEventListener("change", update);
    window.removeEventListener("storage", update);
  };
}

/** Switches between the light and dark theme and remembers the choice in this browser. */
export function ThemeToggle() {
  // null while server-rendering: the inline script in <head> has already set the theme.
  const theme = useSyncExternalStore(subscribe, currentTheme, () => null);
  const toggle = useCallback(() => {
    const next: Theme = currentTheme() === "dark" ? "light" : "dark";
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // storage refused: the switch still holds for this page
    }
    apply(next);
    window.dispatchEvent(new StorageEvent("storage", { key: THEME_STORAGE_KEY }));
  }, []);
  if (theme === null) return null;
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      type="button"
      className="btn-ghost"
      onClick={toggle}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      data-testid="theme-toggle"
    >
      {theme === "dark" ? <Sun12Icon aria-hidden /> : <Moon12Icon aria-hidden />}
    </button>
  );
}
