/**
 * Where the main thread's time goes while the graph loads: a sampled CPU profile over CDP,
 * self time summed per function and per library (a script chunk is attributed to the library
 * whose marker it contains; the build is minified, so library totals are the reliable part).
 */
import type { Browser } from "@playwright/test";
import { PAGE_PROBE } from "./page-probe.ts";
import type { BrowserSeed, DiffCase } from "./seed.ts";

export interface Hotspot {
  name: string;
  library: string;
  selfMs: number;
  share: number;
}

export interface MainThreadProfile {
  totalMs: number;
  byLibrary: Hotspot[];
  byFunction: Hotspot[];
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

const MARKERS: [string, RegExp][] = [
  ["React Flow (@xyflow)", /xyflow|react-flow__/],
  ["elkjs", /\belk\b|ElkNode|layered/],
  ["React DOM", /Minified React error|react-dom|__reactFiber/],
  ["zod", /ZodError|\$ZodType/],
  ["TanStack Query / tRPC", /QueryClient|trpc/i],
];

async function libraryOf(url: string, cache: Map<string, string>): Promise<string> {
  if (!url) return "(native: DOM and browser built-ins)";
  const hit = cache.get(url);
  if (hit) return hit;
  let text = "";
  try {
    text = await (await fetch(url)).text();
  } catch {
    // not fetchable (an inline or extension script)
  }
  const lib = MARKERS.find(([, re]) => re.test(text))?.[0] ?? "the console's own code";
  cache.set(url, lib);
  return lib;
}

export async function profileLoad(
  browser: Browser,
  baseUrl: string,
  seed: BrowserSeed,
  c: DiffCase,
): Promise<MainThreadProfile> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([{ ...seed.cookie, url: baseUrl }]);
    await context.addInitScript(PAGE_PROBE);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
    await page.goto(`${baseUrl}/diff?parent=${c.parentId}&target=${c.targetId}&view=graph`, {
      waitUntil: "commit",
    });
    await page
      .locator(".layout-progress", { hasText: /^Laid out \d+ items/ })
      .waitFor({ timeout: 300_000 });
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile }; // CDP's Profiler.Profile
    const byNode = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    const self = new Map<string, { name: string; url: string; us: number }>();
    profile.samples.forEach((id, i) => {
      const f = byNode.get(id);
      if (!f) return;
      const name = f.functionName || "(anonymous)";
      const key = `${name}@${f.url}`;
      const entry = self.get(key) ?? { name, url: f.url, us: 0 };
      entry.us += profile.timeDeltas[i] ?? 0;
      self.set(key, entry);
    });
    const cache = new Map<string, string>();
    const busy = [...self.values()].filter((e) => !["(idle)", "(program)"].includes(e.name));
    const totalUs = busy.reduce((n, e) => n + e.us, 0);
    const libs = new Map<string, number>();
    const fns: Hotspot[] = [];
    for (const e of busy) {
      const library =
        e.name === "(garbage collector)" ? "(garbage collector)" : await libraryOf(e.url, cache);
      libs.set(library, (libs.get(library) ?? 0) + e.us);
      fns.push({ name: e.name, library, selfMs: e.us / 1000, share: e.us / totalUs });
    }
    const byLibrary = [...libs].map(([library, us]) => ({
      name: library,
      library,
      selfMs: us / 1000,
      share: us / totalUs,
    }));
    return {
      totalMs: totalUs / 1000,
      byLibrary: byLibrary.sort((a, b) => b.selfMs - a.selfMs),
      byFunction: fns.sort((a, b) => b.selfMs - a.selfMs).slice(0, 12),
    };
  } finally {
    await context.close();
  }
}
