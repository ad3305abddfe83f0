/** Markdown helpers for the report. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const sep = header.map((_, i) => ((align?.[i] ?? "r") === "l" ? ":--" : "--:"));
  return [header, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

/** A duration with its unit: "0.59 ms", "83.8 ms", "615 ms", "2.60 s". */
export const fmtMs = (x: number | null | undefined): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
};

export const fmtX = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : `${x.toFixed(2)}×`;

export const fmtInt = (x: number): string => x.toLocaleString("en-US");
