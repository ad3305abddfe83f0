"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { use } from "react";
import { can } from "~/components/auth/can.ts";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { CreateChildForm } from "~/components/blueprints/create-child-form.tsx";
import { useTRPC } from "~/components/trpc-provider.tsx";
import { QueryView } from "~/components/ui/query-view.tsx";

function ChildOf({ id }: { id: string }) {
  const trpc = useTRPC();
  const parent = useQuery(trpc.blueprint.byId.queryOptions({ id }));
  return (
    <QueryView query={parent} loading="Loading the parent blueprint…">
      {({ blueprint, model }) => (
        <>
          <p>
            Parent: <span className="mono">{blueprint.id}</span>
            {blueprint.isCurrent ? " (the rack's current blueprint)" : ""} —{" "}
            <Link href={`/racks/${blueprint.rackId}/blueprints`}>back to the history</Link>
          </p>
          <CreateChildForm parent={model} rackId={blueprint.rackId} />
        </>
      )}
    </QueryView>
  );
}

export default function CreateChildPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return (
    <>
      <h1>Create a child blueprint</h1>
      <SignedIn purpose="create child blueprints">
        {(user) => {
          const allowed = can.createChild(user);
          return allowed.ok ? <ChildOf id={id} /> : <p className="empty">{allowed.reason}</p>;
        }}
      </SignedIn>
    </>
  );
}
