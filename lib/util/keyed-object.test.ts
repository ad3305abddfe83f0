import { describe, expect, it } from "vitest";
import { keyedObject } from "./keyed-object";

describe("keyedObject", () => {
  it("is an empty plain object that keeps insertion order, like {}", () => {
    const o = keyedObject<number>();
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual([]);
    expect(o).toStrictEqual({});
    const keys = ["b-uuid", "a-uuid", "10", "c", "2"];
    const plain: Record<string, number> = {};
    keys.forEach((k, i) => {
      o[k] = i;
      plain[k] = i;
    });
    expect(Object.keys(o)).toEqual(Object.keys(plain));
    expect(JSON.stringify(o)).toBe(JSON.stringify(plain));
    expect(o).toStrictEqual(plain);
  });
});
