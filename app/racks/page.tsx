"use client";

import { SignedIn } from "../../components/auth/signed-in.tsx";
import { RackList } from "../../components/racks/rack-list.tsx";

export default function RacksPage() {
  return (
    <>
      <h1>Racks</h1>
      <SignedIn purpose="see the racks">{() => <RackList />}</SignedIn>
    </>
  );
}
