"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc-provider";
import { useSession } from "./use-session";

/** Who is signed in, with their roles, and the way out. */
export function UserMenu() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const session = useSession();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear(); // nothing of the last user's data stays in the cache
        router.push("/login");
      },
    }),
  );

  if (session.isPending) return <span className="muted">Checking your session…</span>;
  if (session.isError)
    return <span role="alert">Cannot check your session: {session.error.message}</span>;
  if (!session.data) return <Link href="/login">Log in</Link>;
  const { name, roles } = session.data;
  return (
    <div className="user-menu">
      <span>
        Signed in as <strong>{name}</strong>{" "}
        <span className="muted">({roles.length > 0 ? roles.join(", ") : "no roles"})</span>
      </span>
      <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
        {logout.isPending ? "Logging out…" : "Log out"}
      </button>
      {logout.isError && <span role="alert">Logout failed: {logout.error.message}</span>}
    </div>
  );
}
