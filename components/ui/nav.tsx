"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ApprovalsCount } from "../execution/approvals-count";

const LINKS = [
  { href: "/racks", label: "Racks" },
  { href: "/diff", label: "Diff & plan" },
  { href: "/executions", label: "Executions" },
  { href: "/", label: "Dashboard" },
] as const;

export function Nav() {
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={isCurrent(l.href) ? "page" : undefined}>
              {l.label}
              {l.href === "/executions" && <ApprovalsCount />}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
