import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "../components/auth/user-menu.tsx";
import { ExecutionToasts } from "../components/execution/execution-toasts.tsx";
import { LiveEvents } from "../components/live/live-events.tsx";
import { TRPCReactProvider } from "../components/trpc-provider.tsx";
import { Nav } from "../components/ui/nav.tsx";
import "./globals.css";
import "../components/ui/console.css";

export const metadata: Metadata = {
  title: "Blueprint Console",
  description: "Plan, approve and apply Oxide rack blueprints safely.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>
          <LiveEvents>
            <header className="site-header">
              <Link href="/" className="site-title">
                Blueprint Console
              </Link>
              <Nav />
              <UserMenu />
            </header>
            <main className="site-main">{children}</main>
            <ExecutionToasts />
          </LiveEvents>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
