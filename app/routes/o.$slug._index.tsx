import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { STATUS_CLASS } from "~/components/grid/metric-cell";
import { LiveStatus } from "~/components/live-status";
import { Sparkline } from "~/components/sparkline";
import { VerdictBadge } from "~/components/verdict-badge";
import { PACING_LABELS } from "~/lib/poc-labels";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { useRevalidateOnChange } from "~/hooks/use-revalidate-on-change";
import { DASHBOARD_PAGE_SIZE, dashboardRows, roasChange, spendChange } from "~/lib/dashboard";
import { formatWeek } from "~/lib/format";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { formatMoneyShort } from "../../core/money";
import { roasStatus } from "~/lib/grid";
import { type RouteHandle, canInOrg, visibleClientIds } from "../../core/permissions";
import { formatRoasTimes } from "../../core/roas";
import { requestedWeek, weeksEnding } from "../../core/weeks";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

/** On a phone a figure's column name shows above it (the table's header row is for screen readers there). */
const PHONE_LABEL =
  "max-sm:before:block max-sm:before:text-xs max-sm:before:font-normal max-sm:before:text-muted-foreground " +
  "max-sm:before:content-[attr(data-label)]";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  const url = new URL(request.url);
  const channel = url.searchParams.get("channel") || undefined;
  const page = Math.max(0, Math.floor(Number(url.searchParams.get("page") ?? 1)) - 1 || 0);
  // Last week unless another is asked for (`?until=<Monday>`, e.g. to look back at a past week).
  const weeks = weeksEnding(requestedWeek(url.searchParams.get("until")), 12);
  // A member limited to clients sees only theirs, in the rows and in the org's totals alike.
  const data = await hub.dashboard(
    weeks[0]!,
    weeks.at(-1)!,
    channel,
    page,
    DASHBOARD_PAGE_SIZE,
    visibleClientIds(scope),
  );
  const week = weeks.at(-1)!;
  // Each client's channel tests on this page, judged as of the week shown (ADR 018).
  const judged = await hub.portfolio(week, {
    clientIds: data.clients.map((c) => c.id),
    format: org.numberFormat,
    currency: org.currency,
  });
  const pocs = judged
    .filter((poc) => !channel || poc.clientChannel.channel.slug === channel)
    .map(({ clientChannel, assessment, pacing }) => ({
      id: clientChannel.id,
      clientId: clientChannel.clientId,
      channel: clientChannel.channel.name,
      verdict: assessment.verdict,
      reason: assessment.reason,
      pacing: pacing.week.band,
    }));
  return {
    pocs,
    ...dashboardRows(data.clients, data.totals, data.orgLastWeek, weeks),
    page: page + 1,
    pages: Math.max(1, Math.ceil(data.totalClients / DASHBOARD_PAGE_SIZE)),
    totalClients: data.totalClients,
    channels: data.channels,
    channel: channel ?? "",
    weeks,
    seq: data.seq,
    orgId: org.id,
    canEdit: canInOrg(scope, "tracker.edit"),
  };
}

/** "Clients 51–100 of 240". */
function clientsShown(page: number, total: number): string {
  return `Clients ${(page - 1) * DASHBOARD_PAGE_SIZE + 1}–${Math.min(page * DASHBOARD_PAGE_SIZE, total)} of ${total}`;
}

export default function Dashboard() {
  const { rows, org, channels, channel, weeks, seq, orgId, canEdit, page, pages, totalClients, pocs } =
    useLoaderData<typeof loader>();
  const { slug } = useParams();
  const format = useNumberFormat();
  const currency = useCurrency();
  const socket = useRevalidateOnChange(orgId, seq);
  const orgStatus = roasStatus(org.roasMilli, org.targetMilli);
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Week of {formatWeek(weeks.at(-1)!)}</h2>
        <LiveStatus status={socket.status} />
        <a
          href={`/o/${slug}/export.csv?from=${weeks[0]}&to=${weeks.at(-1)}`}
          className="text-sm font-medium text-primary hover:underline"
          download
        >
          Export 12 weeks as CSV
        </a>
        <Form method="get" className="ml-auto flex flex-wrap items-center gap-2 text-sm">
          <label htmlFor="until" className="text-muted-foreground">
            Week
          </label>
          <Input
            id="until"
            type="date"
            name="until"
            defaultValue={weeks.at(-1)}
            className="h-9 w-40"
            aria-describedby="until-hint"
          />
          <span id="until-hint" className="sr-only">
            Any day of a week shows that week's Monday
          </span>
          <label htmlFor="channel" className="text-muted-foreground">
            Channel
          </label>
          <Select
            id="channel"
            name="channel"
            defaultValue={channel}
            className="h-9 w-44"
            onChange={(e) => e.currentTarget.form?.requestSubmit()}
          >
            <option value="">All channels</option>
            {channels.map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </Select>
          <Button type="submit" size="sm" variant="outline">
            Show
          </Button>
        </Form>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          ["Spend", formatMoneyShort(org.adSpendCents, format, currency)],
          ["Sales", formatMoneyShort(org.salesCents, format, currency)],
          ["ROAS", formatRoasTimes(org.roasMilli, format)],
          ["Target", formatRoasTimes(org.targetMilli, format)],
        ].map(([label, value]) => (
          <Card key={label} className="p-4">
            <dt className="text-xs text-muted-foreground">{label}, all clients</dt>
            <dd className={`text-xl font-semibold tabular-nums ${label === "ROAS" ? STATUS_CLASS[orgStatus] : ""}`}>
              {value}
            </dd>
          </Card>
        ))}
      </dl>
      {rows.length === 0 ? (
        <Card className="text-muted-foreground">
          {totalClients > 0 ? "No clients on this page." : "No active clients yet."}{" "}
          {canEdit && totalClients === 0 ? (
            <Link to="clients" className="font-medium text-primary underline">
              Add your first client
            </Link>
          ) : null}
        </Card>
      ) : (
        // On a phone each client is a card (the table's rows laid out as grids, each figure under its
        // column's name): nothing to scroll sideways. The table stays a table for screen readers.
        <div className="overflow-x-auto rounded-lg border border-border bg-card">
          <table className="w-full text-sm max-sm:block sm:min-w-[36rem]">
            <thead className="border-b border-border text-left text-muted-foreground max-sm:sr-only">
              <tr>
                <th className="p-3 font-medium">Client</th>
                <th className="p-3 text-right font-medium">ROAS vs target</th>
                <th className="p-3 font-medium">12 weeks</th>
                <th className="p-3 font-medium">POCs</th>
                <th className="p-3 text-right font-medium">Spend</th>
                <th className="p-3 text-right font-medium">Sales</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border max-sm:block">
              {rows.map((row) => {
                const { client, last, trend } = row;
                const status = roasStatus(last.roasMilli, last.targetMilli);
                return (
                  <tr key={client.id} className="max-sm:grid max-sm:grid-cols-2 max-sm:gap-x-3 max-sm:py-2">
                    <td className="p-3 max-sm:col-span-2 max-sm:pb-1">
                      <Link to={`clients/${client.id}`} className="font-medium hover:underline">
                        {client.name}
                      </Link>
                    </td>
                    <td
                      className={`p-3 text-right tabular-nums max-sm:py-1 max-sm:text-left ${PHONE_LABEL}`}
                      data-label="ROAS vs target"
                    >
                      <span className={`font-semibold ${STATUS_CLASS[status]}`}>
                        {formatRoasTimes(last.roasMilli, format)}
                      </span>
                      <span className="text-muted-foreground">{` / ${formatRoasTimes(last.targetMilli, format)}`}</span>
                      <Change text={roasChange(row, format)} />
                    </td>
                    <td className="p-3 max-sm:self-end max-sm:py-1">
                      <Sparkline
                        values={trend.map((v) => (v === null ? null : v / 1000))}
                        target={last.targetMilli === null ? null : last.targetMilli / 1000}
                        label={`ROAS of ${client.name} over 12 weeks`}
                      />
                    </td>
                    <td className="p-3 max-sm:col-span-2 max-sm:py-1">
                      <ul className="grid gap-1">
                        {pocs
                          .filter((poc) => poc.clientId === client.id)
                          .map((poc) => (
                            <li key={poc.id} className="flex flex-wrap items-center gap-x-2 text-xs">
                              <Link
                                to={`pocs/${poc.id}?week=${weeks.at(-1)}`}
                                className="inline-flex min-h-6 items-center hover:underline"
                                title={poc.reason}
                              >
                                {poc.channel}
                              </Link>
                              <VerdictBadge verdict={poc.verdict} />
                              {poc.pacing ? (
                                <span className="text-muted-foreground">{PACING_LABELS[poc.pacing]}</span>
                              ) : null}
                            </li>
                          ))}
                      </ul>
                    </td>
                    <td
                      className={`p-3 text-right tabular-nums max-sm:py-1 max-sm:text-left ${PHONE_LABEL}`}
                      data-label="Spend"
                    >
                      {formatMoneyShort(last.adSpendCents, format, currency)}
                      <Change text={spendChange(row, format, currency)} />
                    </td>
                    <td
                      className={`p-3 text-right tabular-nums max-sm:py-1 max-sm:text-left ${PHONE_LABEL}`}
                      data-label="Sales"
                    >
                      {formatMoneyShort(last.salesCents, format, currency)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="flex items-center justify-between gap-2 text-sm" aria-label="Pages of clients">
          <span className="text-muted-foreground">{clientsShown(page, totalClients)}</span>
          <span className="flex gap-2">
            {page > 1 ? (
              <Button asChild variant="outline" size="sm">
                <Link to={`?${new URLSearchParams({ ...(channel ? { channel } : {}), page: String(page - 1) })}`}>
                  ← Previous
                </Link>
              </Button>
            ) : null}
            {page < pages ? (
              <Button asChild variant="outline" size="sm">
                <Link to={`?${new URLSearchParams({ ...(channel ? { channel } : {}), page: String(page + 1) })}`}>
                  Next →
                </Link>
              </Button>
            ) : null}
          </span>
        </nav>
      ) : null}
    </div>
  );
}

/** A line under a number saying how it moved since the week before. */
function Change({ text }: { text: string | null }) {
  return text ? <span className="block text-xs text-muted-foreground">{text}</span> : null;
}
