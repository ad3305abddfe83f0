"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseDiffUrl, serializeDiffUrl, type DiffUrlState } from "../url-state/diff-url";

/**
 * The diff page's state, read from and written to the query string. `push` for what the Back
 * button should undo (another tab, another diff), `replace` for typing and filtering. Next.js
 * syncs useSearchParams with window.history (App Router, since 14.1).
 */
export function useDiffUrlState(): [
  DiffUrlState,
  (next: DiffUrlState, mode?: "push" | "replace") => void,
] {
  const params = useSearchParams();
  const state = useMemo(() => parseDiffUrl(params), [params]);
  const setState = useCallback((next: DiffUrlState, mode: "push" | "replace" = "push") => {
    const query = serializeDiffUrl(next);
    const url = query === "" ? window.location.pathname : `?${query}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return [state, setState];
}
