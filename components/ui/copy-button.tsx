"use client";

import { useState } from "react";

/** Copies `text`; says whether it worked (clipboard access can be refused). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>{" "}
      <span role="status" className="muted">
        {state === "copied"
          ? "Copied."
          : state === "failed"
            ? "The browser refused the clipboard: select the text instead."
            : ""}
      </span>
    </span>
  );
}
