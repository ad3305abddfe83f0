"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc-provider";
import { safeNext } from "../url-state/safe-next";
import { Field } from "../ui/field";

export function LoginForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const next = safeNext(useSearchParams().get("next"));
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.push(next);
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ name: name.trim(), password });
  };
  const missing =
    name.trim() === "" ? "Enter your name" : password === "" ? "Enter your password" : null;
  return (
    <form className="stack-form" onSubmit={submit} aria-label="Log in">
      <Field label={"Name"}>
        {(id) => (
          <input
            id={id}
            autoComplete="username"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        )}
      </Field>
      <Field label={"Password"}>
        {(id) => (
          <input
            id={id}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        )}
      </Field>
      <div>
        <button
          type="submit"
          className="primary"
          disabled={missing !== null || login.isPending}
          title={missing ?? undefined}
        >
          {login.isPending ? "Logging in…" : "Log in"}
        </button>
      </div>
      {login.isError && (
        <p role="alert" className="error-box">
          {login.error.message}
        </p>
      )}
    </form>
  );
}
