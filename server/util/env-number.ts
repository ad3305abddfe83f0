import { z } from "zod";

/**
 * A whole-number environment variable: unset or empty gives `fallback`; anything else must be
 * a whole number ≥ `min`, or parsing fails with a sentence naming the variable.
 */
export const wholeNumberEnv = (name: string, min: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : Number(v)))
    .pipe(
      z
        .number({ error: `${name} must be a number` })
        .int(`${name} must be a whole number`)
        .min(min, `${name} must be ≥ ${min}`),
    );
