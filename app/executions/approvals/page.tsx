import { InboxPage } from "~/components/execution/inbox-page.tsx";

export default function ApprovalsPage() {
  return <InboxPage />;
}
