/**
 * zod issues → `{path, message}` import errors an operator can act on: the path is the JSON
 * path into the input (`sleds.<id>.zones[3].zone_type.type`), the message one plain sentence
 * saying what was expected and what was found.
 */
import type { z } from "zod";

export interface ImportError {
  path: string;
  message: string;
}

/** Enough to act on; a garbage document would otherwise produce thousands. */
export const MAX_IMPORT_ERRORS = 50;

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

export function issuesToErrors(issues: readonly Issue[], prefix: Path = []): ImportError[] {
  const out: ImportError[] = [];
  for (const issue of issues) collect(issue, prefix, out);
  if (out.length <= MAX_IMPORT_ERRORS) return out;
  const rest = out.length - MAX_IMPORT_ERRORS;
  return [
    ...out.slice(0, MAX_IMPORT_ERRORS),
    { path: "(root)", message: `…and ${rest} more errors.` },
  ];
}

function collect(issue: Issue, prefix: Path, out: ImportError[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    // A branch whose issues all lie below the union got past the container type (an array
    // where an array or an id-keyed object was allowed): its issues are the useful ones.
    const deep = issue.errors.filter((branch) => branch.every((i) => i.path.length > 0));
    const only = deep.length === 1 ? deep[0] : undefined;
    if (only) {
      for (const inner of only) collect(inner, path, out);
      return;
    }
  }
  out.push({ path: formatPath(path), message: sentence(issue) });
}

function sentence(issue: Issue): string {
  // Custom issues come from our refinements, whose messages already say what was found.
  if (issue.code === "custom") return issue.message;
  const expected = expectation(issue).replace(/\.$/, "");
  const input = foundValue(issue);
  if (input === undefined) return `${expected}, but the field is missing.`;
  return `${expected}, found ${describe(input)}.`;
}

/** A failed discriminator reports the whole object; the path already points at the tag. */
function foundValue(issue: Issue): unknown {
  if (issue.code !== "invalid_union" || issue.discriminator === undefined) return issue.input;
  const input = issue.input;
  return typeof input === "object" && input !== null
    ? (input as Record<string, unknown>)[issue.discriminator] // an object: checked above
    : input;
}

function expectation(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return `Expected ${expectedType(issue.expected)}`;
    case "too_small":
      return `Expected a value of at least ${String(issue.minimum)}`;
    case "too_big":
      return `Expected a value of at most ${String(issue.maximum)}`;
    case "invalid_value":
      return `Expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`;
    case "invalid_union":
      if (issue.discriminator !== undefined && "options" in issue && issue.options !== undefined) {
        const options = issue.options.map((v) => JSON.stringify(v)).join(" or ");
        return `Expected "${issue.discriminator}" to be ${options}`;
      }
      return issue.message;
    default:
      // Our schemas give their own sentence to every other check (format, union).
      return issue.message;
  }
}

function expectedType(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "object":
    case "record":
      return "an object";
    case "array":
      return "an array";
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    default:
      return `a ${expected}`;
  }
}

/** What the input held, briefly. */
export function describe(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "string") {
    return input.length > 40 ? `the string "${input.slice(0, 40)}…"` : `the string "${input}"`;
  }
  if (typeof input === "number" || typeof input === "bigint") return `the number ${String(input)}`;
  if (typeof input === "boolean") return String(input);
  if (Array.isArray(input)) return "an array";
  if (typeof input === "object") return "an object";
  return `a ${typeof input}`;
}
