import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { WeekChart } from "~/components/week-chart";
import { useNumberFormat } from "~/hooks/use-number-format";
import { formatWeek } from "~/lib/format";
import { formatMoneyShort } from "../../core/money";
import type { RouteHandle } from "../../core/permissions";
import { formatRoasTimes } from "../../core/roas";
import { requestedWeek, weeksEnding } from "../../core/weeks";
import { notFound } from "~/server/auth.server";
import { chartScope, chartSeries } from "~/server/charts.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Charts · ${data.clientName} · Celerity` : "Charts · Celerity" },
];

const SPANS = [8, 12, 26, 52] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { hub } = await requireOrgHub(request, context, params.slug);
  const url = new URL(request.url);
  const span = SPANS.find((n) => n === Number(url.searchParams.get("weeks"))) ?? 12;
  const until = requestedWeek(url.searchParams.get("until"));
  const weeks = weeksEnding(until, span);
  const grid = await hub.clientGrid(params.clientId ?? "", weeks[0]!, until);
  if (!grid) throw notFound();
  const of = url.searchParams.get("of");
  const series = chartSeries(grid, weeks, chartScope(of));
  if (!series) throw notFound();
  const live = (row: { archived: boolean }) => !row.archived;
  return {
    clientName: grid.client.name,
    series,
    of: of ?? "",
    span,
    until,
    options: [
      ...grid.groups.filter(live).map((g) => ({ value: `group:${g.id}`, label: `Group: ${g.name}` })),
      ...grid.campaigns.filter(live).map((c) => ({ value: `campaign:${c.id}`, label: `Campaign: ${c.name}` })),
    ],
  };
}

/** A client's weeks as charts: the whole client, one campaign group or one campaign. */
export default function ClientCharts() {
  const { clientName, series, of, span, until, options } = useLoaderData<typeof loader>();
  const format = useNumberFormat();
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end gap-3">
        <h2 className="text-lg font-semibold">
          <Link to=".." relative="path" className="hover:underline">
            {clientName}
          </Link>{" "}
          · {series.title === clientName ? "all campaigns" : series.title}
        </h2>
        <Form method="get" className="ml-auto flex flex-wrap items-end gap-2 text-sm">
          <Field label="Show">
            <Select name="of" defaultValue={of} className="h-10 w-56">
              <option value="">The whole client</option>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Weeks">
            <Select name="weeks" defaultValue={String(span)} className="h-10 w-24">
              {SPANS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Up to the week of">
            <Input type="date" name="until" defaultValue={until} className="h-10 w-40" />
          </Field>
          <Button type="submit" variant="outline" className="h-10">
            Show
          </Button>
        </Form>
      </div>
      <p className="text-sm text-muted-foreground">
        {span} weeks up to the week of {formatWeek(until)}. Notes are added on a POC's page.
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-4">
          <WeekChart
            title="ROAS vs target"
            kind="line"
            weeks={series.weeks.map((w) => ({ week: w.week, value: w.roasMilli }))}
            reference={{ label: "Target", value: series.targetMilli }}
            format={(milli) => formatRoasTimes(Math.round(milli), format)}
            notes={series.notes}
          />
        </Card>
        <Card className="p-4">
          <WeekChart
            title="Spend vs budget"
            kind="bars"
            weeks={series.weeks.map((w) => ({ week: w.week, value: w.spendCents }))}
            reference={{ label: "Budget", value: series.budgetCents }}
            format={(cents) => formatMoneyShort(Math.round(cents), format)}
            notes={series.notes}
          />
        </Card>
      </div>
    </div>
  );
}
