"use client";

import { Hourglass16Icon } from "@oxide/design-system/icons/react";
import { useId, useState } from "react";
import type { DiffView } from "../api-types";
import type { Cell } from "~/lib/diff/table";
import { sledTables } from "./sled-rows";
import { CHANGE_TONE, toneText } from "../ui/tones";

type SledDiffDto = DiffView["sleds"][number];

/** omicron's text marks an expunged item not yet ready for cleanup with ⏳; here, an icon. */
const WAITING = " ⏳";

function CellText({ text }: { text: string }) {
  if (!text.endsWith(WAITING)) return <>{text}</>;
  return (
    <>
      {text.slice(0, -WAITING.length)} <HourglassIcon />
    </>
  );
}

/** Oxide's hourglass icon: renders the same everywhere, unlike the ⏳ emoji. */
function HourglassIcon() {
  return (
    <Hourglass16Icon
      className="inline size-3 align-[-0.1em]"
      title="not yet ready for cleanup"
      titleId={useId()}
    />
  );
}

function CellView({ cell }: { cell: Cell }) {
  if ("value" in cell) return <CellText text={cell.value} />;
  return (
    <>
      <del>
        <CellText text={cell.before} />
      </del>{" "}
      →{" "}
      <ins>
        <CellText text={cell.after} />
      </ins>
    </>
  );
}

function SledSection({
  sled,
  withUnchanged,
  open,
}: {
  sled: SledDiffDto;
  withUnchanged: boolean;
  open: boolean;
}) {
  const tables = sledTables(sled, withUnchanged);
  const gen = sled.generation;
  const generation =
    gen.before === gen.after
      ? `generation ${gen.after ?? gen.before}`
      : `generation ${gen.before ?? "—"} → ${gen.after ?? "—"}`;
  return (
    <details className="sled-section" open={open}>
      <summary>
        sled <span className="mono">{sled.id}</span>: {sled.status} ({generation})
      </summary>
      {tables.length === 0 && <p className="muted">No item changes.</p>}
      {tables.map((t) => (
        <table key={t.title} className="data diff-table">
          <caption>{t.title}</caption>
          <thead>
            <tr>
              <th scope="col">change</th>
              {t.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((row) => (
              <tr key={row.key} className={`row-${row.state}`}>
                <td className={toneText(CHANGE_TONE[row.state])}>{row.word}</td>
                {row.cells.map((c, i) => (
                  <td key={t.columns[i]}>
                    <CellView cell={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </details>
  );
}

/** omicron-style per-sled tables: changed sleds first opened, unchanged rows on request. */
export function SledTablesView({ diff }: { diff: DiffView }) {
  const [withUnchanged, setWithUnchanged] = useState(false);
  const changed = diff.sleds.filter((s) => s.status !== "unchanged");
  return (
    <section aria-label="Per-sled tables">
      <label className="page-actions">
        <input
          type="checkbox"
          checked={withUnchanged}
          onChange={(e) => setWithUnchanged(e.target.checked)}
        />{" "}
        Show unchanged items and sleds too
      </label>
      {(withUnchanged ? diff.sleds : changed).map((s) => (
        <SledSection
          key={s.id}
          sled={s}
          withUnchanged={withUnchanged}
          open={changed.length <= 8 && s.status !== "unchanged"}
        />
      ))}
      {changed.length === 0 && !withUnchanged && <p className="empty">No sled changes.</p>}
    </section>
  );
}
