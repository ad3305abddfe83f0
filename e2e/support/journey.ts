/**
 * Helpers for the execution journeys: signed-in browser contexts per user, the seeded racks,
 * the simulator's admin API, tRPC calls with a user's cookie, axe and screenshots.
 */
import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { E2E_PASSWORD, type E2ERack, type E2EUser, type SeededRack } from "./racks";
import { readState } from "./state-file";
import { emulateTheme } from "./theme";

export function rack(name: E2ERack): SeededRack {
  const r = readState().seed.racks[name];
  if (!r) throw new Error(`rack ${name} was not seeded`);
  return r;
}

/** A browser context signed in as `user` (through auth.login, which sets the session cookie). */
export async function signedIn(
  browser: Browser,
  user: E2EUser,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const r = await context.request.post("/api/trpc/auth.login", {
    data: { name: user, password: E2E_PASSWORD },
  });
  expect(r.ok(), `login as ${user}: ${await r.text()}`).toBe(true);
  return { context, page: await context.newPage() };
}

interface TrpcReply<T> {
  result?: { data: T };
  error?: { message: string; data?: { code?: string; httpStatus?: number } };
}

/** A tRPC mutation over HTTP with the context's cookie (non-batched POST /api/trpc/<path>). */
export async function mutate<T>(
  request: APIRequestContext,
  path: string,
  input: unknown,
): Promise<{ status: number; body: TrpcReply<T> }> {
  const r = await request.post(`/api/trpc/${path}`, { data: input });
  return { status: r.status(), body: (await r.json()) as TrpcReply<T> }; // tRPC's JSON envelope
}

/** Request (as the context's operator) and approve (as `approver`) through the API. */
export async function requestAndApprove(
  operator: APIRequestContext,
  approver: APIRequestContext | null,
  r: SeededRack,
  comment: string,
): Promise<{ executionId: string; planHash: string }> {
  const req = await mutate<{ executionId: string; planHash: string }>(
    operator,
    "execution.request",
    { rackId: r.rackId, targetBlueprintId: r.targetId, comment },
  );
  const created = req.body.result?.data;
  if (!created) throw new Error(`execution.request: ${JSON.stringify(req.body)}`);
  if (approver) {
    const ok = await mutate(approver, "execution.approve", {
      ...created,
      comment: "approved by the e2e journey",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }
  return created;
}

/** POST /__sim/faults on the rack's simulator admin API (sim/admin.ts). */
export async function injectFault(
  request: APIRequestContext,
  r: SeededRack,
  spec: Record<string, unknown>,
): Promise<void> {
  const res = await request.post(`${r.admin}/__sim/faults`, { data: spec });
  expect(res.ok(), await res.text()).toBe(true);
}

export async function clearFaults(request: APIRequestContext, r: SeededRack): Promise<void> {
  await request.delete(`${r.admin}/__sim/faults`);
}

export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
}

export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousA11yViolations(page)).toEqual([]);
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/execution-${name}.png`, fullPage: true });
}

/** axe and a screenshot in the light and the dark theme (the console follows the system's). */
export async function checkBothThemes(page: Page, name: string): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await emulateTheme(page, colorScheme);
    await expectAccessible(page);
    await shot(page, `${name}-${colorScheme}`);
  }
  await emulateTheme(page, "light");
}

/** The record page's state badge (in the h1). */
export function stateHeading(page: Page) {
  return page.getByRole("heading", { level: 1 });
}

/** A step-list row, by the step's name (`1-zones`) and its sled (step ids are `<sled>/<name>`). */
export function stepRow(page: Page, stepId: string) {
  const [sledId = "", name = ""] = stepId.split("/");
  const steps = page.getByRole("table", { name: /^Steps/ });
  return steps
    .getByRole("row")
    .filter({ has: page.getByRole("button", { name, exact: true }) })
    .filter({ hasText: sledId.slice(0, 8) });
}

/** Types what the request page's typed confirmation asks for (an id, or a count). */
export async function confirmRemovals(page: Page): Promise<void> {
  const prompt = (await page.getByText(/^Type .* to confirm\.$/).textContent()) ?? "";
  const phrase =
    /^Type (\d+), the number/.exec(prompt)?.[1] ?? /\(([0-9a-f-]{36})\)/.exec(prompt)?.[1];
  if (!phrase) throw new Error(`unexpected confirmation prompt: ${prompt}`);
  await page.getByLabel("Confirmation").fill(phrase);
}
