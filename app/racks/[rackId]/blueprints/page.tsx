"use client";

import { use } from "react";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { BlueprintHistory } from "~/components/blueprints/blueprint-history.tsx";

export default function BlueprintsPage({ params }: { params: Promise<{ rackId: string }> }) {
  const { rackId } = use(params);
  return (
    <>
      <h1>Blueprints</h1>
      <SignedIn purpose="see the rack's blueprints">
        {(user) => <BlueprintHistory rackId={rackId} user={user} />}
      </SignedIn>
    </>
  );
}
