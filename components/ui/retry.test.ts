import { describe, expect, it } from "vitest";
import { MAX_QUERY_RETRIES, shouldRetryQuery } from "./retry";

const trpcError = (httpStatus: number) => ({ message: "x", data: { httpStatus } });

describe("shouldRetryQuery", () => {
  it("never asks again when the answer cannot change", () => {
    for (const status of [400, 401, 403, 404, 409, 429])
      expect(shouldRetryQuery(0, trpcError(status))).toBe(false);
  });

  it("asks again a few times after a server error or a network failure", () => {
    for (const error of [trpcError(500), trpcError(503), new TypeError("Failed to fetch"), null]) {
      expect(shouldRetryQuery(0, error)).toBe(true);
      expect(shouldRetryQuery(MAX_QUERY_RETRIES - 1, error)).toBe(true);
      expect(shouldRetryQuery(MAX_QUERY_RETRIES, error)).toBe(false);
    }
  });
});
