"use client";

import { use } from "react";
import { ExecutionPage } from "~/components/execution/execution-page.tsx";

export default function ExecutionRecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return <ExecutionPage executionId={id} />;
}
