"use client";

import { useEffect, useState } from "react";

/** The current time, ticking every `everyMs` while `active` (elapsed times, ETAs, running bars). */
export function useNow(active: boolean, everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs]);
  return now;
}
