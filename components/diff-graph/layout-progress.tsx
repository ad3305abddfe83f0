import type { LayoutStatus } from "./use-graph-layout";

/** Says where elk is; the graph is already usable with the first layout meanwhile. */
export function LayoutProgress({ status, items }: { status: LayoutStatus; items: number }) {
  switch (status.phase) {
    case "laying-out":
      return (
        <div className="layout-progress" role="status">
          <label>
            Laying out {items} items ({status.done} of {status.total} sleds)…{" "}
            <progress max={status.total} value={status.done} aria-label="Layout progress" />
          </label>
          <span className="muted">
            {" "}
            The graph is usable meanwhile; positions improve when done.
          </span>
        </div>
      );
    case "failed":
      return (
        <p className="layout-progress" role="alert">
          The detailed layout failed ({status.message}); showing the simple layout.
        </p>
      );
    case "done":
      return (
        <p className="layout-progress muted" role="status">
          Laid out {items} items.
        </p>
      );
    default:
      return status satisfies never;
  }
}
