/**
 * Where the toasts go so they never cover a graph on screen: the first viewport corner where a
 * box of the toasts' size overlaps no graph (bottom right first, as before), else the corner
 * where it overlaps least. Pure; the toasts measure the page and call it.
 */
export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type Corner = "bottom-right" | "top-right" | "bottom-left" | "top-left";
const CORNERS: Corner[] = ["bottom-right", "top-right", "bottom-left", "top-left"];

export function cornerRect(
  corner: Corner,
  viewport: { width: number; height: number },
  box: { width: number; height: number },
  margin: number,
): Rect {
  const left = corner.endsWith("left") ? margin : viewport.width - margin - box.width;
  const top = corner.startsWith("top") ? margin : viewport.height - margin - box.height;
  return { left, top, right: left + box.width, bottom: top + box.height };
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

export function chooseCorner(
  viewport: { width: number; height: number },
  box: { width: number; height: number },
  graphs: readonly Rect[],
  margin: number,
): Corner {
  let best: { corner: Corner; covered: number } | null = null;
  for (const corner of CORNERS) {
    const r = cornerRect(corner, viewport, box, margin);
    const covered = graphs.reduce((n, g) => n + overlap(r, g), 0);
    if (covered === 0) return corner;
    if (!best || covered < best.covered) best = { corner, covered };
  }
  return best?.corner ?? "bottom-right";
}
