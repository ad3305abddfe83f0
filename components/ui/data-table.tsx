"use client";

import { DirectionDownIcon, DirectionUpIcon } from "@oxide/design-system/icons/react";
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { useState, type ReactNode } from "react";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    rowHeader?: boolean;
    width?: string;
    className?: string;
  }
}

interface Props<T> {
  data: T[];
  // TanStack's own idiom: each column has its own value type, so the array holds any of them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  caption: ReactNode;
  getRowId: (row: T) => string;
  className?: string;
  rowClassName?: (row: T) => string | undefined;
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/**
 * The console's big tables, on TanStack Table: a caption, a header that stays in view while
 * the page scrolls, columns sorted by a click on their header (the data's own order until then;
 * `aria-sort` says which), and fixed widths where a column holds ids.
 */
export function DataTable<T>({
  data,
  columns,
  caption,
  getRowId,
  className,
  rowClassName,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <table className={`data ${className ?? ""}`}>
      <caption>{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              const label = flexRender(header.column.columnDef.header, header.getContext());
              return (
                <th
                  key={header.id}
                  scope="col"
                  style={{ width: header.column.columnDef.meta?.width }}
                  aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                >
                  {header.column.getCanSort() ? (
                    <button
                      type="button"
                      className="text-mono-sm text-secondary hover:text-default border-0 bg-transparent p-0 hover:bg-transparent"
                      onClick={header.column.getToggleSortingHandler()}
                    >
                      {label}
                      {sorted === "asc" && <DirectionUpIcon aria-hidden className="size-3" />}
                      {sorted === "desc" && <DirectionDownIcon aria-hidden className="size-3" />}
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={rowClassName?.(row.original)}>
            {row.getVisibleCells().map((cell) => {
              const meta = cell.column.columnDef.meta;
              const content = flexRender(cell.column.columnDef.cell, cell.getContext());
              return meta?.rowHeader ? (
                <th key={cell.id} scope="row" className={meta.className}>
                  {content}
                </th>
              ) : (
                <td key={cell.id} className={meta?.className}>
                  {content}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
