/**
 * elk off the main thread: the page stays responsive while a whole rack (~2,000 items) is laid
 * out. Sleds are laid out one by one so the page can show how far along it is.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { layoutSled, type SledBox } from "./layout";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol";

/** The worker global, as far as this file uses it (tsconfig's lib is the DOM's, where `self` is a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
}
const scope = self as unknown as WorkerScope; // see WorkerScope
const elk = new ELK();
/** Progress messages at most this often: one per sled floods the page on big racks. */
const PROGRESS_EVERY_MS = 100;
let latest = 0;

const post = (message: LayoutResponse) => scope.postMessage(message);

// elk.bundled.js, loaded inside a worker, installs its own `self.onmessage`; this replaces it.
scope.onmessage = (event) => {
  const request = event.data;
  latest = request.requestId;
  void run(request);
};

async function run({ requestId, sleds }: LayoutRequest): Promise<void> {
  const boxes: [string, SledBox][] = [];
  let lastProgress = 0;
  try {
    for (const sled of sleds) {
      if (requestId !== latest) return; // a newer graph arrived: stop working on this one
      boxes.push([sled.sledId, await layoutSled(elk, sled)]);
      if (Date.now() - lastProgress > PROGRESS_EVERY_MS) {
        lastProgress = Date.now();
        post({ type: "progress", requestId, done: boxes.length, total: sleds.length });
      }
    }
    post({ type: "done", requestId, boxes });
  } catch (err) {
    post({ type: "error", requestId, message: err instanceof Error ? err.message : String(err) });
  }
}
