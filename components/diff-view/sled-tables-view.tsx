"use client";

import { Hourglass16Icon } from "@oxide/design-system/icons/react";
import { createColumnHelper } from "@tanstack/react-table";
import { useId, useState } from "react";
import type { DiffView } from "../api-types";
import type { Cell } from "~/lib/diff/table";
import { sledTables, type SledTable } from "./sled-rows";
import { DataTable } from "../ui/data-table";
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

type DiffRow = SledTable["rows"][number];
const column = createColumnHelper<DiffRow>();

/** A per-sled table's columns: the change in words (sortable by kind), then omicron's columns. */
function diffColumns(names: readonly string[]) {
  return [
    column.accessor("word", {
      header: "change",
      meta: { className: "whitespace-nowrap" },
      cell: ({ row }) => (
        <span className={toneText(CHANGE_TONE[row.original.state])}>{row.original.word}</span>
      ),
    }),
    ...names.map((name, i) =>
      column.display({
        id: name,
        header: name,
        // ids stay on one line (the table scrolls sideways on a narrow screen)
        meta: { className: /(^| )id$/.test(name) ? "whitespace-nowrap" : undefined },
        cell: ({ row }) => {
          const c = row.original.cells[i];
          return c ? <CellView cell={c} /> : null;
        },
      }),
    ),
  ];
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
        <DataTable
          key={t.title}
          className="diff-table"
          caption={t.title}
          data={t.rows}
          columns={diffColumns(t.columns)}
          getRowId={(row) => row.key}
          rowClassName={(row) => `row-${row.state}`}
        />
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
