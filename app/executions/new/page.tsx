"use client";

import { use } from "react";
import { RequestPage } from "~/components/execution/request-page.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function NewExecutionPage({
  searchParams,
}: {
  searchParams: Promise<{ targetId?: string | string[] }>;
}) {
  const { targetId } = use(searchParams);
  return (
    <RequestPage targetId={typeof targetId === "string" && UUID.test(targetId) ? targetId : null} />
  );
}
