/**
 * omicron's `BpTable` layout (nexus/types/src/deployment/blueprint_display.rs), reproduced
 * closely enough that the console's output can be compared line by line with
 * `reconfigurator-cli blueprint-diff`:
 * - 4-character row prefix: `+` added, `-` removed, `*` modified, space unchanged;
 * - columns separated by 3 spaces and padded, including the last one;
 * - a changed cell prints `- old` in the row and `+ new` on a continuation row that starts
 *   with ` └─`.
 * Rust measures column widths in UTF-8 bytes (`str::len`) but pads by characters, which is
 * why `expunged ⏳` rows look one column short in omicron's output; we do the same so
 * the two outputs line up exactly.
 */

export type RowState = "unchanged" | "removed" | "modified" | "added";

export type Cell = { value: string } | { before: string; after: string };

export interface TableRow {
  state: RowState;
  cells: Cell[];
}

const PREFIX: Readonly<Record<RowState, string>> = {
  unchanged: " ",
  removed: "-",
  modified: "*",
  added: "+",
};
const INDENT = 4;
const GAP = 3;
const SUB_LAST = "└─";

/** Rust `str::len`: bytes of the UTF-8 encoding. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Rust `{:<width$}`: pads by characters (Unicode scalar values). */
function padEnd(text: string, width: number): string {
  const chars = [...text].length;
  return chars >= width ? text : text + " ".repeat(width - chars);
}

function cellLength(cell: Cell): number {
  // `- ` / `+ ` prefixes on both lines of a changed cell.
  return "value" in cell
    ? utf8Length(cell.value)
    : Math.max(utf8Length(cell.before), utf8Length(cell.after)) + 2;
}

/** A cell that shows `before -> after` only when they differ. */
export function cell(before: string | null, after: string | null): Cell {
  if (before === null) return { value: after ?? "" };
  if (after === null || before === after) return { value: before };
  return { before, after };
}

function joinColumns(texts: readonly string[], widths: readonly number[]): string {
  return texts.map((text, i) => padEnd(text, widths[i] ?? 0)).join(" ".repeat(GAP));
}

export function renderTable(
  name: string,
  columns: readonly string[],
  rows: readonly TableRow[],
): string {
  const widths = columns.map((column, i) =>
    rows.reduce(
      (width, row) => Math.max(width, row.cells[i] ? cellLength(row.cells[i]) : 0),
      utf8Length(column),
    ),
  );
  const total = widths.reduce((sum, width) => sum + width, 0) + GAP * (widths.length - 1);
  const indent = " ".repeat(INDENT);
  const rule = `${indent}${"-".repeat(total)}`;
  const lines = [`${indent}${name}:`, rule, `${indent}${joinColumns(columns, widths)}`, rule];
  for (const row of rows) {
    const main = row.cells.map((c) => ("value" in c ? c.value : `- ${c.before}`));
    lines.push(padEnd(PREFIX[row.state], INDENT) + joinColumns(main, widths));
    if (row.cells.some((c) => !("value" in c))) {
      const continuation = row.cells.map((c, i) => {
        const text = "value" in c ? "" : `+ ${c.after}`;
        return i === 0 ? ` ${SUB_LAST} ${text}` : text;
      });
      lines.push(indent + joinColumns(continuation, widths));
    }
  }
  return lines.join("\n");
}
