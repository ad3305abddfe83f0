"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { SessionUser } from "./can";
import { useSession } from "./use-session";

interface Props {
  /** What the page is for, to say what logging in gives: "see the rack's blueprints". */
  purpose: string;
  children: (user: SessionUser) => ReactNode;
}

/** Renders `children` for a signed-in user; otherwise says to log in, instead of failing. */
export function SignedIn({ purpose, children }: Props) {
  const session = useSession();
  const pathname = usePathname();
  if (session.isPending) return <p role="status">Checking your session…</p>;
  if (session.isError) {
    return (
      <p role="alert" className="error-box">
        Cannot check your session: {session.error.message}
      </p>
    );
  }
  if (!session.data) {
    return (
      <div className="empty">
        <p>You need to log in to {purpose}.</p>
        <Link href={`/login?next=${encodeURIComponent(pathname)}`}>Log in</Link>
      </div>
    );
  }
  return children(session.data);
}
