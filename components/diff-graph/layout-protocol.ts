/** Messages between the page and layout.worker.ts. Plain data: they cross postMessage. */
import type { SledBox, SledLayoutInput } from "./layout";

export interface LayoutRequest {
  type: "layout";
  requestId: number;
  sleds: SledLayoutInput[];
}

export type LayoutResponse =
  | { type: "progress"; requestId: number; done: number; total: number }
  | { type: "done"; requestId: number; boxes: [string, SledBox][] }
  | { type: "error"; requestId: number; message: string };
