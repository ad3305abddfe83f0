"use client";

import { use } from "react";
import { ActivityView } from "~/components/activity/activity-view.tsx";
import { SignedIn } from "~/components/auth/signed-in.tsx";

export default function ActivityPage({ params }: { params: Promise<{ rackId: string }> }) {
  const { rackId } = use(params);
  return (
    <SignedIn purpose="see the rack's update activity">
      {() => <ActivityView rackId={decodeURIComponent(rackId)} />}
    </SignedIn>
  );
}
