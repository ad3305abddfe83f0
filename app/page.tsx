import { Dashboard } from "../components/dashboard/dashboard.tsx";

export default function HomePage() {
  return <Dashboard />;
}
