"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  splitLink,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "../server/routers/_app.ts";
import { shouldRetryQuery } from "./ui/retry.ts";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

const API_URL = "/api/trpc";
/** The server's cap (server/http/batches.ts MAX_BATCH_SIZE); larger batches are split. */
const MAX_BATCH_ITEMS = 16;

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 1000, retry: shouldRetryQuery } },
      }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions stream over SSE; auth.login goes alone (the server refuses it in a
        // batch: one request, one password guess); everything else is batched over HTTP.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: API_URL }),
          false: splitLink({
            condition: (op) => op.path === "auth.login",
            true: httpLink({ url: API_URL }),
            false: httpBatchLink({ url: API_URL, maxItems: MAX_BATCH_ITEMS }),
          }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
