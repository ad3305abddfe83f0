import { CopyButton } from "../ui/copy-button";

/** The diff as omicron's `blueprint-diff` prints it, to paste into a ticket or compare. */
export function DiffText({ text }: { text: string }) {
  return (
    <section aria-label="Diff as text">
      <p className="page-actions">
        <CopyButton text={text} label="Copy the diff text" />
      </p>
      <pre className="diff-text" tabIndex={0} aria-label="Diff text (omicron format)">
        {text}
      </pre>
    </section>
  );
}
