"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { use } from "react";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { RackView } from "~/components/racks/rack-view.tsx";
import { useTRPC } from "~/components/trpc-provider.tsx";
import { QueryView } from "~/components/ui/query-view.tsx";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/racks/<name>` works too: the name is looked up among the racks. */
function RackByName({ name }: { name: string }) {
  const trpc = useTRPC();
  const racks = useQuery(trpc.rack.list.queryOptions());
  return (
    <QueryView query={racks} loading="Looking the rack up…">
      {(list) => {
        const rack = list.find((r) => r.name === name);
        if (rack) return <RackView rackId={rack.id} />;
        return (
          <>
            <h1>No such rack</h1>
            <p className="empty">
              There is no rack named <strong>{name}</strong>.{" "}
              <Link href="/racks">See the racks</Link>.
            </p>
          </>
        );
      }}
    </QueryView>
  );
}

export default function RackPage({ params }: { params: Promise<{ rackId: string }> }) {
  const { rackId } = use(params);
  const key = decodeURIComponent(rackId);
  return (
    <SignedIn purpose="see the rack's sleds">
      {() => (UUID.test(key) ? <RackView rackId={key} /> : <RackByName name={key} />)}
    </SignedIn>
  );
}
