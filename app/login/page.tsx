import { Suspense } from "react";
import { LoginForm } from "~/components/auth/login-form.tsx";

export default function LoginPage() {
  return (
    <>
      <h1>Log in</h1>
      <p className="muted">
        Viewers read racks, blueprints and plans; operators also import and edit blueprints;
        approvers approve executions.
      </p>
      <Suspense fallback={<p role="status">Loading…</p>}>
        <LoginForm />
      </Suspense>
    </>
  );
}
