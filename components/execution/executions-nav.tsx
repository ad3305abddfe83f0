"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useAwaitingApproval } from "./use-awaiting-approval";

const LINKS = [
  { href: "/executions", label: "History" },
  { href: "/executions/approvals", label: "Awaiting approval" },
  { href: "/executions/audit", label: "Audit log" },
] as const;

/** History, the approval inbox (with its count) and the audit log. */
export function ExecutionsNav() {
  const pathname = usePathname();
  const awaiting = useAwaitingApproval();
  return (
    <nav aria-label="Executions" className="sub-nav">
      <ul>
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={pathname === l.href ? "page" : undefined}>
              {l.label}
              {l.href === "/executions/approvals" && awaiting.data !== undefined && (
                <span className="count-badge">
                  {awaiting.data.length}
                  <span className="visually-hidden"> awaiting</span>
                </span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
