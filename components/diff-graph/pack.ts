/**
 * Sled boxes → one picture: boxes placed left to right in rows (shelf packing), in sled-id
 * order so the same diff always looks the same. The row width aims at a landscape overall
 * shape, which is what fit view and the minimap show best.
 */
import type { Point, SledBox } from "./layout";

export const SLED_GAP = 48;
/** Overall width : height the packing aims at. */
const ASPECT = 16 / 9;

export interface PlacedSled extends Point {
  width: number;
  height: number;
}

/** Where every sled box and every item (relative to its sled) goes. */
export interface GraphLayout {
  sleds: Record<string, PlacedSled>;
  items: Record<string, Point>;
}

export const EMPTY_LAYOUT: GraphLayout = { sleds: {}, items: {} };

/** A row width that gives roughly an ASPECT-shaped result, never narrower than the widest box. */
export function targetRowWidth(boxes: readonly SledBox[]): number {
  let area = 0;
  let widest = 0;
  for (const b of boxes) {
    area += (b.width + SLED_GAP) * (b.height + SLED_GAP);
    widest = Math.max(widest, b.width);
  }
  return Math.max(widest, Math.sqrt(area * ASPECT));
}

export function packSleds(
  boxes: ReadonlyArray<readonly [string, SledBox]>,
  rowWidth?: number,
): GraphLayout {
  const limit = rowWidth ?? targetRowWidth(boxes.map(([, b]) => b));
  const layout: GraphLayout = { sleds: {}, items: {} };
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const [sledId, box] of boxes) {
    if (x > 0 && x + box.width > limit) {
      x = 0;
      y += rowHeight + SLED_GAP;
      rowHeight = 0;
    }
    layout.sleds[sledId] = { x, y, width: box.width, height: box.height };
    Object.assign(layout.items, box.items);
    x += box.width + SLED_GAP;
    rowHeight = Math.max(rowHeight, box.height);
  }
  return layout;
}
