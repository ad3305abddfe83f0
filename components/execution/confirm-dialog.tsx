"use client";

/**
 * The one confirm modal for destructive actions (Oxide console habit): a native <dialog>
 * opened modally, so focus is trapped and Escape closes it, with the action named on its
 * button and an optional comment.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The destructive button's words: "Cancel execution". */
  confirmLabel: string;
  commentLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: (comment: string) => void;
  onClose: () => void;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  commentLabel,
  busy,
  error,
  onConfirm,
  onClose,
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState("");
  const titleId = useId();
  const commentId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(comment);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {commentLabel && (
          <p className="field">
            <label htmlFor={commentId}>{commentLabel}</label>
            <textarea
              id={commentId}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </p>
        )}
        {error && (
          <p role="alert" className="error-box">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="danger" disabled={busy}>
            {busy ? "Working…" : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
