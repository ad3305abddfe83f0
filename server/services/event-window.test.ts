import { describe, expect, it } from "vitest";
import { EventWindow } from "./event-window.ts";

describe("EventWindow", () => {
  it("reads above the cursor when nothing was delivered lately", () => {
    const w = new EventWindow(10n, 1000);
    expect(w.read(0)).toEqual({ above: 10n, except: [] });
    expect(w.last).toBe(10n);
  });

  it("reads again below the newest delivered id, for the lookback, so a late commit is found", () => {
    const w = new EventWindow(10n, 1000);
    // 12 is read while 11 (taken earlier by another transaction) has not committed yet.
    w.delivered(12n, 100);
    expect(w.last).toBe(12n);
    expect(w.read(200)).toEqual({ above: 10n, except: [12n] });
    // 11 commits and is delivered late; it does not move the cursor back.
    w.delivered(11n, 250);
    expect(w.last).toBe(12n);
    expect(w.read(300)).toEqual({ above: 10n, except: [12n, 11n] });
    // Once the lookback has passed, the window closes up to the cursor.
    expect(w.read(1_200)).toEqual({ above: 12n, except: [11n] });
    expect(w.read(1_300)).toEqual({ above: 12n, except: [] });
  });
});
