/** Markdown helpers for the report. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ("l" | "r")[]): string {
  const sep = header.map((_, i) => ((align?.[i] ?? "r") === "l" ? ":--" : "--:"));
  return [header, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export const fmtMs = (x: number | null | undefined): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
};

export const fmtX = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x.toFixed(2)}×`);

export const fmtInt = (x: number): string => x.toLocaleString("en-US");
