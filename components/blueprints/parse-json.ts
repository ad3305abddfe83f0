/**
 * The import box's first check, before anything is sent: is it JSON at all? The answer names
 * the line and column, in the same `{path, message}` shape as the server's import errors.
 */
export type JsonInput =
  { ok: true; value: unknown } | { ok: false; error: { path: string; message: string } };

export function parseJsonInput(text: string): JsonInput {
  if (text.trim() === "") {
    return {
      ok: false,
      error: { path: "(root)", message: "Paste a blueprint's JSON or choose a file first." },
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const where = /position (\d+)/.exec(message);
    const at = where ? ` (${lineAndColumn(text, Number(where[1]))})` : "";
    return {
      ok: false,
      error: { path: "(root)", message: `This is not valid JSON${at}: ${message}` },
    };
  }
}

export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}
