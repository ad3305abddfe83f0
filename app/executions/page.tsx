import { Suspense } from "react";
import { HistoryPage } from "~/components/execution/history-page.tsx";

export default function ExecutionsPage() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <HistoryPage />
    </Suspense>
  );
}
