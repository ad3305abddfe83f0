/**
 * When a failed query is worth asking again: never for an answer that will not change (the
 * input is wrong, the thing does not exist, the user may not see it), so a page says so at once
 * instead of spinning through retries; a few times for the rest (the server restarting, a
 * dropped connection).
 */
export const MAX_QUERY_RETRIES = 2;

/** The HTTP status tRPC put on a client error, if any (`error.data.httpStatus`). */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data?: unknown }).data;
  if (typeof data !== "object" || data === null || !("httpStatus" in data)) return undefined;
  const status = (data as { httpStatus?: unknown }).httpStatus;
  return typeof status === "number" ? status : undefined;
}

export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = httpStatusOf(error);
  // 4xx: the same question gets the same answer (429 included: retrying is what it refuses).
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < MAX_QUERY_RETRIES;
}
