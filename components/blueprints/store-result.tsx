import Link from "next/link";
import { shortId } from "~/lib/blueprint/zones";
import type { StoreResult } from "../api-types";
import { diffHref } from "../url-state/diff-url";

type Finding = Extract<StoreResult, { reason: "invalid" }>["findings"][number];

/** Where a blueprint finding points, as a JSON path into the blueprint. */
export function findingPath(f: Finding): string {
  const item = f.items[0];
  const base = `sleds.${f.sledId}`;
  return item ? `${base}.${item.kind}s[id=${item.id}]` : base;
}

function Findings({ title, findings }: { title: string; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={`${f.code}-${i}`}>
            <code>{findingPath(f)}</code> <strong>{f.severity}</strong> ({f.code}): {f.message}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The answer of blueprint.import or blueprint.createChild, inline where the form is. */
export function StoreResultView({ result, rackId }: { result: StoreResult; rackId: string }) {
  if (result.ok) {
    const bp = result.blueprint;
    return (
      <div role="status" className="status status-ok">
        <p>
          Stored blueprint <span className="mono">{bp.id}</span>
          {bp.isCurrent ? " (now the rack's current blueprint)" : ""}.
        </p>
        <p className="row-actions">
          <Link href={`/racks/${rackId}/blueprints`}>Blueprint history</Link>
          {bp.parentId && (
            <Link href={diffHref({ parentId: bp.parentId, targetId: bp.id, view: "graph" })}>
              See its diff and plan
            </Link>
          )}
        </p>
        <Findings title="Warnings" findings={result.warnings} />
      </div>
    );
  }
  switch (result.reason) {
    case "invalid":
      return (
        <div role="alert" className="error-box">
          <p>
            <strong>Not stored:</strong> the blueprint is invalid (
            {result.errors.length + result.findings.length} problems).
          </p>
          {result.errors.length > 0 && (
            <ul className="findings" aria-label="Import errors">
              {result.errors.map((e, i) => (
                <li key={`${e.path}-${i}`}>
                  <code>{e.path}</code>: {e.message}
                </li>
              ))}
            </ul>
          )}
          <Findings title="Validation findings" findings={result.findings} />
        </div>
      );
    case "duplicate":
      return (
        <div role="alert" className="error-box">
          <p>
            <strong>Not stored:</strong> {result.message} (existing:{" "}
            <span className="mono">{shortId(result.existingId)}</span>)
          </p>
        </div>
      );
    case "edit-failed":
      return (
        <div role="alert" className="error-box">
          <p>
            <strong>Not stored:</strong> the edit could not be applied: {result.message}
          </p>
        </div>
      );
    default:
      return result satisfies never;
  }
}
