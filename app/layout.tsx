import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "../components/trpc-provider.tsx";
import "./globals.css";

export const metadata: Metadata = {
  title: "Blueprint Console",
  description: "Plan, approve and apply Oxide rack blueprints safely.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <span className="site-title">Blueprint Console</span>
        </header>
        <TRPCReactProvider>
          <main className="site-main">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
