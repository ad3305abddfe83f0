import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "../components/auth/user-menu.tsx";
import { ExecutionToasts } from "../components/execution/execution-toasts.tsx";
import { LiveEvents } from "../components/live/live-events.tsx";
import { TRPCReactProvider } from "../components/trpc-provider.tsx";
import { Nav } from "../components/ui/nav.tsx";
import { THEME_INIT_SCRIPT } from "../components/ui/theme.ts";
import { ThemeToggle } from "../components/ui/theme-toggle.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "Blueprint Console",
  description: "Plan, approve and apply Oxide rack blueprints safely.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme on <html> before React hydrates: not a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <TRPCReactProvider>
          <LiveEvents>
            <header className="site-header">
              <Link href="/" className="site-title">
                Blueprint Console
              </Link>
              <Nav />
              <div className="ml-auto flex items-center gap-3">
                <UserMenu />
                <ThemeToggle />
              </div>
            </header>
            <main className="site-main">{children}</main>
            <ExecutionToasts />
          </LiveEvents>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
