"use client";

import { useId } from "react";
import { ExpungedItem } from "./expunged-list";
import type { Confirmation } from "./removals";

interface Props {
  confirmation: Confirmation;
  value: string;
  onChange: (v: string) => void;
}

/** What will be removed, and the phrase to type (as omicron's tooling asks for a serial). */
export function TypedConfirmation({ confirmation, value, onChange }: Props) {
  const inputId = useId();
  const promptId = useId();
  if (confirmation.phrase === null) return <p>Nothing is expunged by this change.</p>;
  return (
    <fieldset className="typed-confirmation">
      <legend>Destructive change: these are expunged</legend>
      <ul className="removals" tabIndex={0} aria-label="Items expunged">
        {confirmation.removals.map((r) => (
          <li key={`${r.kind}:${r.id}`}>
            <ExpungedItem r={r} />
          </li>
        ))}
      </ul>
      <p id={promptId}>{confirmation.prompt}</p>
      <p className="field">
        <label htmlFor={inputId}>Confirmation</label>
        <input
          id={inputId}
          type="text"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={promptId}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </p>
    </fieldset>
  );
}
