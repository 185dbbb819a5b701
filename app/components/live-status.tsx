import type { SocketStatus } from "~/hooks/socket-status";
import { cn } from "~/lib/utils";

const LABELS: Record<SocketStatus, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline — changes from teammates will appear when you are back",
  removed: "You no longer have access to this organization",
  signedOut: "Signed out — sign in again to see teammates' changes",
  limited: "Live updates stopped: too many open tabs — close some and reload",
};

const DOTS: Record<SocketStatus, string> = {
  connecting: "bg-muted-foreground",
  live: "bg-success",
  reconnecting: "bg-warning animate-pulse",
  offline: "bg-danger",
  removed: "bg-danger",
  signedOut: "bg-danger",
  limited: "bg-danger",
};

/** Whether teammates' edits are arriving: live, reconnecting or offline. */
export function LiveStatus({ status }: { status: SocketStatus }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-status={status}
      className="inline-flex items-center gap-2 text-xs text-muted-foreground"
    >
      <span aria-hidden className={cn("h-2 w-2 rounded-full", DOTS[status])} />
      {LABELS[status]}
    </span>
  );
}
