import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";

type Waiting = { id: string; name: string; cells: number };

/**
 * On an org's pages: changes the user made offline that wait on this device for a client whose
 * grid is not open (they are sent from that grid). The client's own grid says it itself.
 */
export function PendingElsewhere({ userId, orgId, slug }: { userId: string; orgId: string; slug: string }) {
  const { pathname } = useLocation();
  const [waiting, setWaiting] = useState<Waiting[]>([]);
  // Read again on each page: a grid may have sent them meanwhile.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each new page
  useEffect(() => {
    let current = true;
    import("~/lib/pending-saves")
      .then((device) => device.pendingClients(userId, orgId))
      .then(
        (clients) => current && setWaiting(clients),
        () => {},
      );
    return () => {
      current = false;
    };
  }, [userId, orgId, pathname]);
  const elsewhere = waiting.filter((client) => !pathname.startsWith(`/o/${slug}/clients/${client.id}`));
  if (elsewhere.length === 0) return null;
  return (
    <div role="status" className="mb-4 rounded-md border border-warning/60 bg-warning/15 px-3 py-2 text-sm">
      <strong>Changes wait on this device.</strong>{" "}
      {elsewhere.map((client, i) => (
        <span key={client.id}>
          {i > 0 ? "; " : ""}
          {client.cells === 1 ? "1 change" : `${client.cells} changes`} for{" "}
          <Link
            to={`/o/${slug}/clients/${client.id}`}
            className="font-medium underline max-sm:inline-block max-sm:py-3"
          >
            {client.name}
          </Link>
        </span>
      ))}
      : open the grid to send them.
    </div>
  );
}
