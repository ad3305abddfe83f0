"use client";

import { Suspense } from "react";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { DiffPage, PrefetchDiff } from "~/components/diff-view/diff-page.tsx";

export default function Page() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <PrefetchDiff />
      <SignedIn purpose="see diffs and plans">{() => <DiffPage />}</SignedIn>
    </Suspense>
  );
}
