import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, NavLink, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { LiveStatus } from "~/components/live-status";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { List, ListItem } from "~/components/ui/list";
import { Select } from "~/components/ui/select";
import { useOrgSocket } from "~/hooks/use-org-socket";
import { formatWeek } from "~/lib/format";
import { useOpenAlerts } from "~/lib/open-alerts";
import { timeAgo } from "~/lib/time-ago";
import { cn } from "~/lib/utils";
import { getMailChoices, setMailChoices } from "~/server/alert-runs.server";
import { readForm } from "~/server/form.server";
import { requireOrgHub } from "~/server/tracker.server";
import { mailChoicesSchema, muteFormSchema } from "../../core/alert-forms";
import {
  ALERT_KIND_LABELS,
  ALERT_MAIL,
  ALERT_MAIL_LABELS,
  ALERT_STATUSES,
  type AlertStatus,
  alertPath,
  MUTE_DAYS,
} from "../../core/alerts";
import { fieldErrors } from "../../core/control-forms";
import { FAILURE_STATUS } from "../../core/failures";
import { canOnClient, type RouteHandle, visibleClientIds } from "../../core/permissions";

export const handle = { access: { loader: "org.view", action: "org.view" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Alerts · Celerity" }];

const STATUS_LABELS: Record<AlertStatus, string> = { open: "Open", resolved: "Resolved", muted: "Muted" };

/** `?status=open|resolved|muted`: the member's alerts, only of the clients they may see. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub, org, user } = await requireOrgHub(request, context, params.slug);
  const asked = new URL(request.url).searchParams.get("status");
  const status = ALERT_STATUSES.includes(asked as AlertStatus) ? (asked as AlertStatus) : "open";
  const visible = visibleClientIds(scope);
  const [inbox, clients, mail] = await Promise.all([
    hub.inbox(status, visible),
    hub.listClients(visible),
    getMailChoices(context.cloudflare.env, org.id, user.id),
  ]);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  return {
    orgId: org.id,
    seq: inbox.seq,
    status,
    mail: mail ?? { alertMail: "daily" as const, summaryMail: true },
    alerts: inbox.alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      message: a.message,
      since: a.since,
      openedAt: a.openedAt,
      resolvedAt: a.resolvedAt,
      mutedUntil: a.mutedUntil,
      clientName: names.get(a.clientId) ?? "",
      href: `/o/${org.slug}${alertPath(a)}`,
      canMute: canOnClient(scope, a.clientId, "tracker.edit") === "yes",
    })),
  };
}

type Result = { saved: string | null; errors: Record<string, string> };

/** Mutes or unmutes an alert (for everyone: whoever may edit its client), or saves the member's mail choices. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { hub, actor, org, user } = await requireOrgHub(request, context, params.slug);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "mail") {
    const parsed = mailChoicesSchema.safeParse(form);
    if (!parsed.success) return data<Result>({ saved: null, errors: fieldErrors(parsed.error) }, { status: 422 });
    await setMailChoices(context.cloudflare.env, org.id, user.id, parsed.data);
    return data<Result>({ saved: "Your mail choices are saved.", errors: {} });
  }
  const parsed = muteFormSchema.safeParse(form);
  if (!parsed.success) return data<Result>({ saved: null, errors: fieldErrors(parsed.error) }, { status: 422 });
  const until = parsed.data.intent === "mute" ? Date.now() + parsed.data.days * 24 * 3600_000 : null;
  const result = await hub.muteAlert(actor, parsed.data.alertId, until);
  if (!result.ok)
    return data<Result>(
      { saved: null, errors: { form: result.error.message } },
      { status: FAILURE_STATUS[result.error.code] },
    );
  return data<Result>({ saved: until === null ? "Unmuted." : `Muted for ${form.days} days.`, errors: {} });
}

/** The inbox: what went off target, newest first, each with the place to act; live as teammates edit. */
export default function Alerts() {
  const { orgId, seq, status, alerts, mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const revalidator = useRevalidator();
  const socket = useOrgSocket({ orgId, since: seq, onEvent: () => {}, onReload: () => revalidator.revalidate() });
  // Each word from the socket that the open alerts moved brings the list up to date.
  const { version } = useOpenAlerts(orgId, 0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version is the trigger, the revalidator stable enough
  useEffect(() => {
    if (version > 0) revalidator.revalidate();
  }, [version]);
  const tab = (isActive: boolean) =>
    cn("rounded-md px-3 py-1.5 text-sm font-medium", isActive ? "bg-accent text-foreground" : "text-muted-foreground");
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="alerts-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="alerts-heading" className="text-lg font-semibold">
          Alerts
        </h2>
        <LiveStatus status={socket.status} />
      </div>
      <nav aria-label="Alert states" className="flex gap-1">
        {ALERT_STATUSES.map((s) => (
          <NavLink
            key={s}
            to={`?status=${s}`}
            className={() => tab(s === status)}
            aria-current={s === status ? "page" : undefined}
          >
            {STATUS_LABELS[s]}
          </NavLink>
        ))}
      </nav>
      {result?.saved ? (
        <p role="status" className="text-sm text-success">
          {result.saved}
        </p>
      ) : null}
      {result?.errors.form ? (
        <p role="alert" className="text-sm text-danger">
          {result.errors.form}
        </p>
      ) : null}
      {alerts.length === 0 ? (
        <Card className="text-muted-foreground">
          {status === "open" ? "Nothing needs attention: no open alerts." : `No ${status} alerts.`}
        </Card>
      ) : (
        <List aria-label={`${STATUS_LABELS[status]} alerts`}>
          {alerts.map((alert) => (
            <ListItem key={alert.id} className="flex-wrap items-start gap-3">
              <div className="min-w-0 flex-1 basis-64">
                <p className="text-xs font-semibold uppercase tracking-wide text-muted-foreground">
                  {ALERT_KIND_LABELS[alert.kind]}
                </p>
                <p className="font-medium">
                  <span aria-hidden="true">⚠ </span>
                  {alert.message}
                </p>
                <p className="text-sm text-muted-foreground">
                  {alert.clientName} · since the week of {formatWeek(alert.since)} · opened {timeAgo(alert.openedAt)}
                  {alert.resolvedAt ? ` · resolved ${timeAgo(alert.resolvedAt)}` : ""}
                  {alert.mutedUntil ? ` · muted until ${new Date(alert.mutedUntil).toLocaleDateString()}` : ""}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <Link to={alert.href} className="text-sm font-medium text-primary underline-offset-4 hover:underline">
                  Act on it
                </Link>
                {alert.canMute && status === "open" ? (
                  <Form method="post" className="flex items-center gap-1">
                    <input type="hidden" name="intent" value="mute" />
                    <input type="hidden" name="alertId" value={alert.id} />
                    <label className="sr-only" htmlFor={`mute-${alert.id}`}>
                      Mute for
                    </label>
                    <Select id={`mute-${alert.id}`} name="days" defaultValue="7" className="h-9 w-auto">
                      {MUTE_DAYS.map((days) => (
                        <option key={days} value={days}>
                          {days === 1 ? "1 day" : `${days} days`}
                        </option>
                      ))}
                    </Select>
                    <Button type="submit" variant="outline" size="sm" disabled={busy}>
                      Mute
                    </Button>
                  </Form>
                ) : null}
                {alert.canMute && status === "muted" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="unmute" />
                    <input type="hidden" name="alertId" value={alert.id} />
                    <Button type="submit" variant="outline" size="sm" disabled={busy}>
                      Unmute
                    </Button>
                  </Form>
                ) : null}
              </div>
            </ListItem>
          ))}
        </List>
      )}
      <Card className="grid gap-3" id="mail">
        <h3 className="font-semibold">Email me</h3>
        <Form method="post" className="grid gap-3">
          <input type="hidden" name="intent" value="mail" />
          <fieldset className="grid gap-1.5">
            <legend className="text-sm font-medium">Alerts</legend>
            <div className="flex flex-wrap gap-4">
              {ALERT_MAIL.map((choice) => (
                <label key={choice} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="alertMail" value={choice} defaultChecked={mail.alertMail === choice} />
                  {ALERT_MAIL_LABELS[choice]}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="summaryMail" defaultChecked={mail.summaryMail} />
            The Monday summary (08:00, the organization's time zone)
          </label>
          <div>
            <Button type="submit" disabled={busy}>
              Save
            </Button>
          </div>
        </Form>
      </Card>
    </section>
  );
}
