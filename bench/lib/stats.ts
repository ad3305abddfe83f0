/** Small statistics for benchmark samples. */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Linear interpolation between order statistics (the usual "type 7" quantile). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = s[lo] ?? Number.NaN;
  const b = s[hi] ?? a;
  return a + (b - a) * (at - lo);
}

export interface LinearFit {
  /** Fixed cost, ms. */
  interceptMs: number;
  /** Cost per unit of x, ms. */
  slopeMs: number;
  r2: number;
}

/** Ordinary least squares y = a + b·x. */
export function linearFit(points: readonly { x: number; y: number }[]): LinearFit {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { interceptMs: intercept, slopeMs: slope, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/** The exponent k of y ∝ x^k between two points: 1 is linear, 2 quadratic. */
export function growthExponent(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return Math.log(b.y / a.y) / Math.log(b.x / a.x);
}

export const round = (x: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
