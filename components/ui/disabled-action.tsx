import { useId } from "react";

/** An action the user may not take: shown, disabled, with the reason in words (never hidden). */
export function DisabledAction({ label, reason }: { label: string; reason: string }) {
  const id = useId();
  return (
    <span className="disabled-action">
      <button type="button" disabled aria-describedby={id} title={reason}>
        {label}
      </button>{" "}
      <span id={id} className="muted">
        {reason}
      </span>
    </span>
  );
}
