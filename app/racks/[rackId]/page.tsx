"use client";

import { use } from "react";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { RackView } from "~/components/racks/rack-view.tsx";

export default function RackPage({ params }: { params: Promise<{ rackId: string }> }) {
  const { rackId } = use(params);
  return <SignedIn purpose="see the rack's sleds">{() => <RackView rackId={rackId} />}</SignedIn>;
}
