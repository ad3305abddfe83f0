"use client";

/**
 * The one confirm modal for destructive actions (Oxide console habit): Headless UI's Dialog
 * (focus trapped, Escape and a click outside close it, the page behind is inert), with the
 * action named on its button and an optional comment.
 */
import { Dialog, DialogBackdrop, DialogPanel, DialogTitle } from "@headlessui/react";
import { useId, useState, type ReactNode } from "react";

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
  const [comment, setComment] = useState("");
  const commentId = useId();
  return (
    <Dialog open={open} onClose={onClose} className="relative z-40">
      <DialogBackdrop className="bg-scrim fixed inset-0" />
      <div className="fixed inset-0 flex items-center justify-center p-4">
        <DialogPanel className="bg-raise border-secondary shadow-modal text-default w-full max-w-lg rounded-lg border p-5">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onConfirm(comment);
            }}
          >
            <DialogTitle as="h2" className="mt-0">
              {title}
            </DialogTitle>
            {children}
            {commentLabel && (
              <p className="field flex">
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
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" onClick={onClose}>
                Keep it
              </button>
              <button type="submit" className="danger" disabled={busy}>
                {busy ? "Working…" : confirmLabel}
              </button>
            </div>
          </form>
        </DialogPanel>
      </div>
    </Dialog>
  );
}
