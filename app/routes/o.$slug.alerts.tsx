import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, NavLink, useLoaderData } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { List, ListItem } from "~/components/ui/list";
import { formatWeek } from "~/lib/format";
import { timeAgo } from "~/lib/time-ago";
import { cn } from "~/lib/utils";
import { ALERT_STATUSES, type AlertStatus } from "../../core/alerts";
import { type RouteHandle, visibleClientIds } from "../../core/permissions";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Alerts · Celerity" }];

const STATUS_LABELS: Record<AlertStatus, string> = { open: "Open", resolved: "Resolved", muted: "Muted" };

/** `?status=open|resolved|muted`: the member's alerts, only of the clients they may see. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireOrgHub(request, context, params.slug);
  const asked = new URL(request.url).searchParams.get("status");
  const status = ALERT_STATUSES.includes(asked as AlertStatus) ? (asked as AlertStatus) : "open";
  const visible = visibleClientIds(scope);
  const [alerts, clients] = await Promise.all([hub.alerts(status, visible), hub.listClients(visible)]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return {
    status,
    alerts: alerts.map((a) => ({ ...a, clientName: names.get(a.clientId) ?? "" })),
  };
}

/** The inbox: what went off target, newest first, each with the place to act. */
export default function Alerts() {
  const { status, alerts } = useLoaderData<typeof loader>();
  const tab = ({ isActive }: { isActive: boolean }) =>
    cn("rounded-md px-3 py-1.5 text-sm font-medium", isActive ? "bg-accent text-foreground" : "text-muted-foreground");
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading" className="text-lg font-semibold">
        Alerts
      </h2>
      <nav aria-label="Alert states" className="flex gap-1">
        {ALERT_STATUSES.map((s) => (
          <NavLink
            key={s}
            to={`?status=${s}`}
            className={() => tab({ isActive: s === status })}
            aria-current={s === status ? "page" : undefined}
          >
            {STATUS_LABELS[s]}
          </NavLink>
        ))}
      </nav>
      {alerts.length === 0 ? (
        <Card className="text-muted-foreground">
          {status === "open" ? "Nothing needs attention: no open alerts." : `No ${status} alerts.`}
        </Card>
      ) : (
        <List aria-label={`${STATUS_LABELS[status]} alerts`}>
          {alerts.map((alert) => (
            <ListItem key={alert.id} className="items-start">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  <span aria-hidden="true">⚠ </span>
                  {alert.message}
                </p>
                <p className="text-sm text-muted-foreground">
                  {alert.clientName} · since the week of {formatWeek(alert.since)} · opened {timeAgo(alert.openedAt)}
                  {alert.resolvedAt ? ` · resolved ${timeAgo(alert.resolvedAt)}` : ""}
                </p>
              </div>
              <Link
                to={`../clients/${alert.clientId}`}
                relative="path"
                className="text-sm font-medium text-primary underline-offset-4 hover:underline"
              >
                Open the grid
              </Link>
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
}
