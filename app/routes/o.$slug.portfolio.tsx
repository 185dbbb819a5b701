import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { VerdictBadge } from "~/components/verdict-badge";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { formatWeek } from "~/lib/format";
import { PACING_LABELS, VERDICT_LABELS } from "~/lib/poc-labels";
import { formatMoneyShort } from "../../core/money";
import type { RouteHandle } from "../../core/permissions";
import { VERDICTS } from "../../core/poc";
import { formatRoasTimes } from "../../core/roas";
import { PORTFOLIO_SORTS } from "../../core/portfolio";
import { portfolioQuery, readPortfolio } from "~/server/portfolio.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Portfolio · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  const query = portfolioQuery(new URL(request.url));
  const { rows, channels, total } = await readPortfolio(hub, scope, query, org.numberFormat, org.currency);
  return {
    query,
    channels,
    total,
    rows: rows.map(({ id, clientId, clientName, channel, assessment, pacing }) => ({
      id,
      clientId,
      clientName,
      channel: channel.name,
      assessment,
      pacing: pacing.week.band,
    })),
  };
}

const SORT_LABELS = { client: "Client", channel: "Channel", verdict: "Verdict", roas: "ROAS", spend: "Spend" } as const;

/** Every client's channel tests in one table: which channels graduate, across brands. */
export default function Portfolio() {
  const { rows, query, channels, total } = useLoaderData<typeof loader>();
  const format = useNumberFormat();
  const currency = useCurrency();
  const { search } = useLocation();
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h2 className="text-lg font-semibold">Portfolio, week of {formatWeek(query.week)}</h2>
        <a
          href={`portfolio.csv${search}`}
          className="text-sm font-medium text-primary underline-offset-4 hover:underline"
          download
        >
          Export as CSV
        </a>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter the portfolio">
        <div className="grid gap-1">
          <label htmlFor="portfolio-week" className="text-muted-foreground">
            Week
          </label>
          <Input id="portfolio-week" type="date" name="week" defaultValue={query.week} className="h-10 w-40" />
        </div>
        <div className="grid gap-1">
          <label htmlFor="portfolio-channel" className="text-muted-foreground">
            Channel
          </label>
          <Select id="portfolio-channel" name="channel" defaultValue={query.channel ?? ""} className="h-10 w-44">
            <option value="">All channels</option>
            {channels.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <label htmlFor="portfolio-verdict" className="text-muted-foreground">
            Verdict
          </label>
          <Select id="portfolio-verdict" name="verdict" defaultValue={query.verdict ?? ""} className="h-10 w-36">
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {VERDICT_LABELS[v].label}
              </option>
            ))}
          </Select>
        </div>
        <div className="grid gap-1">
          <label htmlFor="portfolio-sort" className="text-muted-foreground">
            Sort by
          </label>
          <Select id="portfolio-sort" name="sort" defaultValue={query.sort} className="h-10 w-32">
            {PORTFOLIO_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="outline" className="h-10">
          Show
        </Button>
      </Form>
      {rows.length === 0 ? (
        <Card className="text-muted-foreground">
          {total === 0
            ? "No channel tests yet: enable a channel for a client on its setup page."
            : "No POC matches these filters."}
        </Card>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-card">
          <table className="w-full min-w-[44rem] text-sm">
            <caption className="sr-only">
              Each client's channel tests, with their verdict as of the week of {formatWeek(query.week)}
            </caption>
            <thead className="border-b border-border text-left text-muted-foreground">
              <tr>
                <th className="p-3 font-medium">Client</th>
                <th className="p-3 font-medium">Channel</th>
                <th className="p-3 font-medium">Verdict</th>
                <th className="p-3 text-right font-medium">ROAS vs target</th>
                <th className="p-3 text-right font-medium">Spend</th>
                <th className="p-3 font-medium">This week</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {rows.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="p-3">
                    <Link to={`../clients/${row.clientId}`} className="font-medium hover:underline">
                      {row.clientName}
                    </Link>
                  </td>
                  <td className="p-3">
                    <Link to={`../pocs/${row.id}?week=${query.week}`} className="hover:underline">
                      {row.channel}
                    </Link>
                  </td>
                  <td className="p-3">
                    <VerdictBadge verdict={row.assessment.verdict} />
                    <p className="mt-1 max-w-md text-xs text-muted-foreground">{row.assessment.reason}</p>
                  </td>
                  <td className="p-3 text-right tabular-nums">
                    {formatRoasTimes(row.assessment.roasMilli, format)}
                    <span className="text-muted-foreground">
                      {` / ${formatRoasTimes(row.assessment.targetRoasMilli, format)}`}
                    </span>
                  </td>
                  <td className="p-3 text-right tabular-nums">
                    {formatMoneyShort(row.assessment.spendCents, format, currency)}
                  </td>
                  <td className="p-3">{row.pacing ? PACING_LABELS[row.pacing] : "No budget"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
