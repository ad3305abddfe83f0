import { HealthStatus } from "../components/health-status.tsx";

export default function HomePage() {
  return (
    <>
      <h1>Console status</h1>
      <HealthStatus />
    </>
  );
}
