/** A benchmark target and whether this run met it (null: not measured). */
export interface TargetResult {
  target: string;
  /** null: not measured, or (with `info`) a measurement without a target. */
  met: boolean | null;
  info?: true;
  /** The measured value in words, and why when not met. */
  detail: string;
}
