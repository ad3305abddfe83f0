"use client";

import { Checkmark12Icon, Copy12Icon } from "@oxide/design-system/icons/react";
import Link from "next/link";
import { useEffect, useState } from "react";

type CopyState = "idle" | "copied" | "failed";

function useCopy(text: string): [CopyState, () => void] {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  };
  return [state, copy];
}

const ID_CLASS = "text-mono-code whitespace-nowrap";
const BARE_BUTTON = "inline-flex border-0 bg-transparent p-0.5 align-middle hover:bg-transparent";

/**
 * A UUID on one line, in the monospace face, copied to the clipboard on click (issue 13). With
 * `href` the id is a link and a small button beside it copies; `short` shows the first eight
 * characters (the whole id stays in the title and is what gets copied).
 */
export function Uuid({ id, href, short }: { id: string; href?: string; short?: boolean }) {
  const [state, copy] = useCopy(id);
  const shown = short && id.length > 9 ? `${id.slice(0, 8)}…` : id;
  const icon =
    state === "copied" ? (
      <Checkmark12Icon aria-hidden className="text-success" />
    ) : (
      <Copy12Icon aria-hidden />
    );
  const status = (
    <span role="status" className="sr-only">
      {state === "copied"
        ? "Copied."
        : state === "failed"
          ? "The browser refused the clipboard."
          : ""}
    </span>
  );
  if (href) {
    return (
      <span className={`${ID_CLASS} inline-flex items-center gap-1`}>
        <Link href={href} title={id}>
          {shown}
        </Link>
        <button
          type="button"
          className={`${BARE_BUTTON} text-secondary hover:text-default`}
          aria-label={`Copy ${id}`}
          onClick={copy}
        >
          {icon}
        </button>
        {status}
      </span>
    );
  }
  return (
    <span className="inline-flex items-center">
      <button
        type="button"
        className={`${ID_CLASS} ${BARE_BUTTON} text-default gap-1`}
        title={`${id} (click to copy)`}
        onClick={copy}
      >
        {shown}
        {icon}
      </button>
      {status}
    </span>
  );
}
