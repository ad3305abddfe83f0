"use client";

import { use } from "react";
import { can } from "~/components/auth/can.ts";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { ImportForm } from "~/components/blueprints/import-form.tsx";

export default function ImportPage({ params }: { params: Promise<{ rackId: string }> }) {
  const { rackId } = use(params);
  return (
    <>
      <h1>Import a blueprint</h1>
      <SignedIn purpose="import blueprints">
        {(user) => {
          const allowed = can.importBlueprint(user);
          return allowed.ok ? (
            <ImportForm rackId={rackId} />
          ) : (
            <p className="empty">{allowed.reason}</p>
          );
        }}
      </SignedIn>
    </>
  );
}
