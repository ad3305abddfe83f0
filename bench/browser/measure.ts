/** One navigation to the diff graph in headless Chromium, measured (see page-probe.ts). */
import type { Browser, Page } from "@playwright/test";
import {
  NAV_TIMES,
  PAGE_PROBE,
  SCRIPT_ENTRIES,
  TRPC_ENTRIES,
  type PageProbe,
  type RequestEntry,
  type ScriptEntry,
} from "./page-probe.ts";
import type { BrowserSeed, DiffCase } from "./seed.ts";

export interface GraphLoad {
  /** Navigation start → the first graph node painted, ms. */
  renderedMs: number;
  /** Navigation start → a search typed as soon as the graph showed is answered, ms. */
  interactiveMs: number;
  /** Typing → the answer (that part of interactiveMs), ms. */
  searchAnswerMs: number;
  /** Navigation start → elk's layout done ("Laid out N items"), ms. */
  laidOutMs: number | null;
  /** The longest main-thread task from navigation until laid out (or interactive), ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Script bytes loaded before the first node was painted: as transferred (gzip) and decoded. */
  firstLoadJs: { files: number; gzipBytes: number; bytes: number };
  /** Navigation milestones and the tRPC answers the graph waited for, ms since navigation. */
  timeline: {
    htmlMs: number | null;
    fcpMs: number | null;
    dataMs: number | null;
    trpc: RequestEntry[];
  };
  nodesShown: number;
  /** The graph opened as the overview (one summary node per sled). */
  overview: boolean;
  /** "Expand all sleds" clicked once laid out → every sled's items drawn; null: no overview. */
  expandAll: { ms: number; longestTaskMs: number; itemsInView: number } | null;
}

const sumOf = (xs: ScriptEntry[]) => ({
  files: xs.length,
  gzipBytes: xs.reduce((n, x) => n + x.encoded, 0),
  bytes: xs.reduce((n, x) => n + x.decoded, 0),
});

export async function loadGraph(
  browser: Browser,
  baseUrl: string,
  seed: BrowserSeed,
  c: DiffCase,
  search: string,
): Promise<GraphLoad> {
  // A fresh context each time: a first visit, nothing cached.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    await context.addCookies([{ ...seed.cookie, url: baseUrl }]);
    await context.addInitScript(PAGE_PROBE);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/diff?parent=${c.parentId}&target=${c.targetId}&view=graph`, {
      waitUntil: "commit",
    });
    const searched = await searchAsSoonAsShown(page, search);
    const probes = await readProbes(page);
    const expandAll = searched.overview ? await expandEverySled(page) : null;
    return graphLoad(searched, probes, expandAll);
  } finally {
    await context.close();
  }
}

const FIRST_NODES = ".react-flow__node-item, .react-flow__node-sled.collapsed";

/** Types `search` once the first node shows, waits for its answer and then for the layout. */
async function searchAsSoonAsShown(page: Page, search: string) {
  await page.locator(FIRST_NODES).first().waitFor({ state: "visible", timeout: 120_000 });
  const overview = (await page.locator(".react-flow__node-sled.collapsed").count()) > 0;
  const typedAt = await page.evaluate(() => performance.now());
  await page.getByLabel("Search by id or type").fill(search);
  const answer = page
    .getByRole("status")
    .filter({ hasText: new RegExp(`, \\d+ matching “${search}”`) });
  await answer.waitFor({ timeout: 60_000 });
  const answeredAt = await page.evaluate(() => performance.now());
  await page
    .locator(".layout-progress", { hasText: /^Laid out \d+ items/ })
    .waitFor({ timeout: 300_000 });
  return { overview, typedAt, answeredAt };
}

/** What the page probe and the performance timeline recorded, and the nodes drawn. */
async function readProbes(page: Page) {
  const probe = await page.evaluate<PageProbe>("window.__bench"); // set by PAGE_PROBE
  const scripts = await page.evaluate<ScriptEntry[]>(SCRIPT_ENTRIES);
  const trpc = await page.evaluate<RequestEntry[]>(TRPC_ENTRIES);
  const nav = await page.evaluate<{ htmlMs: number | null; fcpMs: number | null }>(NAV_TIMES);
  const shown = await page.locator(FIRST_NODES).count();
  return { probe, scripts, trpc, nav, shown };
}

function graphLoad(
  { overview, typedAt, answeredAt }: Awaited<ReturnType<typeof searchAsSoonAsShown>>,
  { probe, scripts, trpc, nav, shown }: Awaited<ReturnType<typeof readProbes>>,
  expandAll: GraphLoad["expandAll"],
): GraphLoad {
  const rendered = probe.firstNode !== null && probe.firstNode > 0 ? probe.firstNode : typedAt;
  const until = probe.laidOut ?? answeredAt;
  const tasks = probe.longtasks.filter((t) => t.start <= until);
  return {
    renderedMs: rendered,
    interactiveMs: answeredAt,
    searchAnswerMs: answeredAt - typedAt,
    laidOutMs: probe.laidOut,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    longTasks: tasks.length,
    firstLoadJs: sumOf(scripts.filter((s) => s.start <= rendered)),
    timeline: {
      htmlMs: nav.htmlMs,
      fcpMs: nav.fcpMs,
      dataMs: Math.max(0, ...trpc.filter((t) => t.end <= rendered).map((t) => t.end)) || null,
      trpc,
    },
    nodesShown: shown,
    overview,
    expandAll,
  };
}

/** Clicks "Expand all sleds" and waits until every sled's items are drawn, chunk by chunk. */
async function expandEverySled(page: Page): Promise<GraphLoad["expandAll"]> {
  const bar = page.getByRole("group", { name: "Sled summaries" });
  const start = await page.evaluate(() => performance.now());
  await bar.getByRole("button", { name: "Expand all sleds" }).click();
  await bar
    .getByRole("status")
    .filter({ hasText: /^Every sled's items are drawn/ })
    .waitFor({ timeout: 120_000 });
  const end = await page.evaluate(() => performance.now());
  const probe = await page.evaluate<PageProbe>("window.__bench");
  const tasks = probe.longtasks.filter((t) => t.start + t.duration >= start && t.start <= end);
  return {
    ms: end - start,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
    itemsInView: await page.locator(".react-flow__node-item").count(),
  };
}
