/** A benchmark target and whether this run met it (null: not measured). */
export interface TargetResult {
  target: string;
  met: boolean | null;
  /** The measured value in words, and why when not met. */
  detail: string;
}
