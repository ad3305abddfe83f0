import type { DependencyGraph } from "~/lib/graph/types";
import type { Selection } from "./graph-canvas";
import { CHANGE_BADGE, FAIL_BADGE, RULE_NAME } from "./to-flow";

interface Props {
  graph: DependencyGraph;
  selection: Selection;
  failing?: ReadonlyMap<string, readonly string[]>;
}

/** The selected item or edge in words: everything the canvas shows, readable without it. */
export function NodeDetails({ graph, selection, failing }: Props) {
  const edge = selection.edge ? graph.edges.find((e) => e.id === selection.edge) : undefined;
  if (edge) {
    return (
      <section className="node-details" aria-label="Selected dependency">
        <h3>Dependency: {RULE_NAME[edge.rule]}</h3>
        <p>{edge.text}</p>
        <p className="muted">
          {edge.source} must happen before {edge.target}.
        </p>
      </section>
    );
  }
  const item = selection.node ? graph.nodes.find((n) => n.key === selection.node) : undefined;
  if (!item) {
    return (
      <section className="node-details muted" aria-label="Selected item">
        Select an item or an edge (click, or Tab to it and press Enter) to see its details.
      </section>
    );
  }
  const reasons = failing?.get(item.key) ?? [];
  const before = graph.edges.filter((e) => e.target === item.key);
  const after = graph.edges.filter((e) => e.source === item.key);
  return (
    <section className="node-details" aria-label="Selected item">
      <h3>{item.label}</h3>
      <dl>
        <dt>Change</dt>
        <dd>{CHANGE_BADGE[item.change]}</dd>
        <dt>Type</dt>
        <dd>{item.type}</dd>
        <dt>Id</dt>
        <dd className="mono">{item.itemId}</dd>
        <dt>Sled</dt>
        <dd className="mono">{item.sledId}</dd>
      </dl>
      {reasons.length > 0 && (
        <div role="alert">
          <strong>{FAIL_BADGE}:</strong>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <EdgeList title="After" edges={before} empty="Nothing has to happen first." />
      <EdgeList title="Before" edges={after} empty="Nothing waits for it." />
    </section>
  );
}

function EdgeList({
  title,
  edges,
  empty,
}: {
  title: string;
  edges: DependencyGraph["edges"];
  empty: string;
}) {
  return (
    <>
      <h4>{title}</h4>
      {edges.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul>
          {edges.map((e) => (
            <li key={e.id}>{e.text}</li>
          ))}
        </ul>
      )}
    </>
  );
}
