import { Suspense } from "react";
import { AuditPage } from "~/components/execution/audit-page.tsx";

export default function AuditLogPage() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <AuditPage />
    </Suspense>
  );
}
