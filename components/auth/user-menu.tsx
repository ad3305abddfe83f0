"use client";

import { Menu, MenuButton, MenuItem, MenuItems } from "@headlessui/react";
import { SignOut16Icon } from "@oxide/design-system/icons/react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc-provider";
import { useSession } from "./use-session";

/** Who is signed in, with their roles, and the way out (a Headless UI menu). */
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
        Signed in as{" "}
        <Menu>
          {/* Only the name in the button: "(viewer, approver)" in its name would match an
              "Approve" button's name, for people and tests alike. */}
          <MenuButton className="btn-ghost" aria-label={`${name}: account menu`}>
            <strong>{name}</strong>
          </MenuButton>
          <MenuItems
            anchor="bottom end"
            className="bg-raise border-secondary shadow-menu z-20 mt-1 min-w-40 rounded-lg border p-1 focus:outline-none"
          >
            <MenuItem>
              <button
                type="button"
                className="data-focus:bg-hover w-full justify-start border-0 bg-transparent"
                onClick={() => logout.mutate()}
                disabled={logout.isPending}
              >
                <SignOut16Icon aria-hidden />
                {logout.isPending ? "Logging out…" : "Log out"}
              </button>
            </MenuItem>
          </MenuItems>
        </Menu>{" "}
        <span className="text-secondary">({roles.length > 0 ? roles.join(", ") : "no roles"})</span>
      </span>
      {logout.isError && <span role="alert">Logout failed: {logout.error.message}</span>}
    </div>
  );
}
