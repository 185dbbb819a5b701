import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { List, ListItem } from "~/components/ui/list";
import { Select } from "~/components/ui/select";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { AUDIT_ENTITIES, describeAction, describeChanges } from "~/lib/audit";
import { describeDevice } from "~/lib/devices";
import { timeAgo } from "~/lib/time-ago";
import type { RouteHandle } from "../../core/permissions";
import { listApiTokens } from "~/server/api-tokens.server";
import { requirePermission } from "~/server/auth.server";
import { auditQuerySchema, readAuditLog } from "~/server/audit-log.server";
import { listTeam } from "~/server/team.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "audit.view" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Audit log · Celerity" }];

/** The filters as asked (`?actor=&clientId=&entity=&from=&to=`); one that does not parse is dropped and said. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  const env = context.cloudflare.env;
  const asked = Object.fromEntries(
    [...new URL(request.url).searchParams].filter(([name, value]) => value !== "" && name in auditQuerySchema.shape),
  );
  const parsed = auditQuerySchema.safeParse(asked);
  const query = parsed.success ? parsed.data : {};
  const [page, team, tokens, clients] = await Promise.all([
    readAuditLog(env, org, hub, query),
    listTeam(env, org.id),
    listApiTokens(env, org.id),
    hub.listClients(),
  ]);
  return {
    ...page,
    query: asked,
    invalid: parsed.success ? null : "Some filters were not understood and were left out; check the dates.",
    actors: [
      ...team.members.map((m) => ({ id: m.userId, label: m.name ?? m.email })),
      ...tokens.map((t) => ({ id: `token:${t.id}`, label: `Token “${t.name}”` })),
    ],
    clients: clients.map(({ id, name }) => ({ id, name })),
  };
}

export default function AuditLog() {
  const { entries, nextCursor, query, invalid, actors, clients } = useLoaderData<typeof loader>();
  const format = useNumberFormat();
  const currency = useCurrency();
  const { search } = useLocation();
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const older = new URLSearchParams(search);
  if (nextCursor) older.set("cursor", nextCursor);
  // The first page, and the CSV, are the same filters without the cursor.
  const first = new URLSearchParams(search);
  first.delete("cursor");
  return (
    <section className="grid gap-4" aria-labelledby="audit-heading">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        <a
          href={`audit.csv?${first}`}
          download
          className="text-sm font-medium text-primary underline-offset-4 hover:underline"
        >
          Export as CSV
        </a>
      </div>
      <p className="text-sm text-muted-foreground">
        Every change to this organization's numbers, clients, team, tokens and settings: who, when, from where, and what
        it was before.
      </p>
      <Card>
        <Form method="get" className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6 lg:items-end">
          <Field label="Who">
            <Select name="actor" defaultValue={query.actor ?? ""}>
              <option value="">Anyone</option>
              {actors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Client">
            <Select name="clientId" defaultValue={query.clientId ?? ""}>
              <option value="">Any client</option>
              {clients.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="What">
            <Select name="entity" defaultValue={query.entity ?? ""}>
              <option value="">Anything</option>
              {Object.entries(AUDIT_ENTITIES).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="From">
            <Input type="date" name="from" defaultValue={query.from ?? ""} />
          </Field>
          <Field label="To">
            <Input type="date" name="to" defaultValue={query.to ?? ""} />
          </Field>
          <Button type="submit">Filter</Button>
        </Form>
      </Card>
      {invalid ? (
        <p role="alert" className="text-sm text-danger">
          {invalid}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <Card className="text-muted-foreground">Nothing matches these filters.</Card>
      ) : (
        <List aria-label="Changes, newest first">
          {entries.map((entry) => {
            const changes = describeChanges(entry.before, entry.after, format, currency);
            return (
              <ListItem key={`${entry.at}-${entry.action}-${entry.entityId}-${entry.actor.id}`} className="items-start">
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {describeAction(entry.entity, entry.action)}
                    {entry.clientId ? ` · ${clientName.get(entry.clientId) ?? "a deleted client"}` : ""}
                  </p>
                  {changes.length > 0 ? (
                    <ul className="text-sm">
                      {changes.slice(0, 6).map((line) => (
                        <li key={line} className="break-words">
                          {line}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <p className="text-sm text-muted-foreground">
                    {entry.actor.kind === "token" ? <Badge>token</Badge> : null} {entry.actor.label} ·{" "}
                    <time dateTime={entry.at} title={entry.at}>
                      {timeAgo(entry.at)}
                    </time>
                    {entry.country ? ` · ${entry.country}` : ""}
                    {entry.userAgent ? ` · ${describeDevice(entry.userAgent)}` : ""}
                  </p>
                </div>
              </ListItem>
            );
          })}
        </List>
      )}
      <nav aria-label="Pages" className="flex gap-4 text-sm">
        {query.cursor ? (
          <Link to={`?${first}`} className="font-medium text-primary underline-offset-4 hover:underline">
            ← Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link to={`?${older}`} className="font-medium text-primary underline-offset-4 hover:underline">
            Older →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
