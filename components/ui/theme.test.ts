import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { resolveTheme, THEME_INIT_SCRIPT, THEME_STORAGE_KEY } from "./theme";

describe("theme", () => {
  it("prefers the operator's stored choice over the system", () => {
    expect(resolveTheme("light", false)).toBe("light");
    expect(resolveTheme("dark", true)).toBe("dark");
  });

  it("follows the system without a (valid) stored choice", () => {
    expect(resolveTheme(null, true)).toBe("light");
    expect(resolveTheme(null, false)).toBe("dark");
    expect(resolveTheme("purple", true)).toBe("light");
  });

  it("the inline <head> script applies the same rule to <html data-theme>", () => {
    const run = (stored: string | null, systemLight: boolean) => {
      const dataset: { theme?: string } = {};
      runInNewContext(THEME_INIT_SCRIPT, {
        window: {
          localStorage: { getItem: (k: string) => (k === THEME_STORAGE_KEY ? stored : null) },
          matchMedia: () => ({ matches: systemLight }),
        },
        document: { documentElement: { dataset } },
      });
      return dataset.theme;
    };
    expect(run("light", false)).toBe("light");
    expect(run(null, true)).toBe("light");
    expect(run(null, false)).toBe("dark");
    expect(run("nonsense", false)).toBe("dark");
  });
});
