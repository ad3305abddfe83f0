"use client";

import { use } from "react";
import { SignedIn } from "~/components/auth/signed-in.tsx";
import { BlueprintPage } from "~/components/blueprints/blueprint-page.tsx";

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return (
    <SignedIn purpose="see blueprints">{(user) => <BlueprintPage id={id} user={user} />}</SignedIn>
  );
}
