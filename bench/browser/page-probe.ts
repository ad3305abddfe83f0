/**
 * Runs in the page before its own scripts (Playwright addInitScript): records long main-thread
 * tasks, when the first graph node (an item, or a collapsed sled of the overview) is painted,
 * and when elk's layout is done, all in
 * `performance.now()` time (milliseconds since navigation started). Plain browser JS.
 */
export const PAGE_PROBE = `(() => {
  const b = (window.__bench = { longtasks: [], firstNode: null, laidOut: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch {}
  // Looked at once per frame at most, so the probe itself costs the page next to nothing.
  let scheduled = false;
  const check = () => {
    scheduled = false;
    if (b.firstNode === null && document.querySelector(".react-flow__node-item, .react-flow__node-sled.collapsed")) {
      b.firstNode = -1;
      setTimeout(() => (b.firstNode = performance.now()), 0); // this frame is being painted now
    }
    if (b.laidOut === null) {
      for (const s of document.querySelectorAll(".layout-progress")) if (/^Laid out \\d+ items/.test(s.textContent || "")) b.laidOut = performance.now();
    }
    if (b.firstNode !== null && b.laidOut !== null) observer.disconnect();
  };
  const observer = new MutationObserver(() => {
    if (!scheduled) (scheduled = true), requestAnimationFrame(check);
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

export interface PageProbe {
  longtasks: { start: number; duration: number }[];
  firstNode: number | null;
  laidOut: number | null;
}

export interface ScriptEntry {
  name: string;
  start: number;
  encoded: number;
  decoded: number;
}

/** Script resources the page loaded (main thread), for first-load JS. */
export const SCRIPT_ENTRIES = `performance.getEntriesByType("resource")
  .filter((e) => /\\.js(\\?|$)/.test(e.name))
  .map((e) => ({ name: e.name, start: e.startTime, encoded: e.encodedBodySize, decoded: e.decodedBodySize }))`;

export interface RequestEntry {
  name: string;
  start: number;
  end: number;
  encoded: number;
}

/** The page's tRPC requests (queries and the feed), for where the time before the graph went. */
export const TRPC_ENTRIES = `performance.getEntriesByType("resource")
  .filter((e) => e.name.includes("/api/trpc/"))
  .map((e) => ({ name: new URL(e.name).pathname.replace("/api/trpc/", ""), start: e.startTime, end: e.responseEnd, encoded: e.encodedBodySize }))`;

/** Navigation milestones: the HTML's arrival and first contentful paint. */
export const NAV_TIMES = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return { htmlMs: nav ? nav.responseEnd : null, domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null, fcpMs: fcp ? fcp.startTime : null };
})()`;
