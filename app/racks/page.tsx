"use client";

import { SignedIn } from "~/components/auth/signed-in.tsx";
import { NewRackForm } from "~/components/racks/new-rack-form.tsx";
import { RackList } from "~/components/racks/rack-list.tsx";

export default function RacksPage() {
  return (
    <>
      <h1>Racks</h1>
      <SignedIn purpose="see the racks">
        {() => (
          <>
            <RackList />
            <NewRackForm />
          </>
        )}
      </SignedIn>
    </>
  );
}
