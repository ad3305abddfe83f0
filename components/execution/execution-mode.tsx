"use client";

import { useId } from "react";
import { EXECUTION_MODES, type ExecutionMode } from "~/lib/plan/types";

/** What each mode does, in the words the request, approval and execution pages use (issue 15). */
export const MODE_DESCRIPTION: Record<ExecutionMode, string> = {
  nexus:
    "through Nexus: the target is imported into Nexus and made its target, enabled; Nexus's executor applies it and the console watches each sled's inventory reconcile it. The console sends nothing to sled agents.",
  direct:
    "by the console: Nexus's execution is disabled, the console sends its own safe order of requests, then makes the target Nexus's target, enabled. If it fails or is cancelled, Nexus's execution stays disabled until a re-enable is approved.",
};

/** The mode of an execution, or that the rack is not linked to Nexus. */
export function ModeLine({ mode }: { mode: ExecutionMode | null | undefined }) {
  if (!mode) return <>the console&apos;s own requests (the rack is not linked to Nexus)</>;
  return (
    <>
      <strong data-testid="execution-mode">{mode}</strong> — {MODE_DESCRIPTION[mode]}
    </>
  );
}

/** The request page's choice of mode on a Nexus-linked rack. */
export function ModeChooser({
  value,
  onChange,
}: {
  value: ExecutionMode;
  onChange: (mode: ExecutionMode) => void;
}) {
  const name = useId();
  return (
    <fieldset className="field mode-chooser">
      <legend>Execution mode (the rack is linked to Nexus)</legend>
      {EXECUTION_MODES.map((m) => (
        <label key={m} className="mode-option">
          <input
            type="radio"
            name={name}
            value={m}
            checked={value === m}
            onChange={() => onChange(m)}
          />{" "}
          <strong>{m}</strong>
          {m === "nexus" ? " (default)" : ""}: {MODE_DESCRIPTION[m]}
        </label>
      ))}
    </fieldset>
  );
}
