"use client";

import { useId, type ReactNode } from "react";

type Permission = { ok: true } | { ok: false; reason: string };

interface Props {
  permission: Permission;
  onClick?: () => void;
  type?: "button" | "submit";
  className?: string;
  busy?: boolean;
  children: ReactNode;
}

/**
 * A button that is disabled with its reason shown beside it (and as its description), never
 * hidden: the Oxide console's way of saying why an action is not available.
 */
export function ReasonedButton({
  permission,
  onClick,
  type = "button",
  className,
  busy,
  children,
}: Props) {
  const reasonId = useId();
  const blocked = !permission.ok;
  return (
    <span className="reasoned-button">
      <button
        type={type}
        className={className}
        onClick={onClick}
        disabled={blocked || busy}
        aria-describedby={blocked ? reasonId : undefined}
      >
        {children}
      </button>
      {!permission.ok && (
        <span id={reasonId} className="disabled-reason">
          {permission.reason}
        </span>
      )}
    </span>
  );
}
