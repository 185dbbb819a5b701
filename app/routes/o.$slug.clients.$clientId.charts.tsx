import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { WeekNotesForm } from "~/components/week-notes";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { PacingSummary } from "~/components/pacing-summary";
import { RoasAndSpendCharts } from "~/components/week-chart";
import { pace } from "../../core/pacing";
import { useNumberFormat } from "~/hooks/use-number-format";
import { formatWeek } from "~/lib/format";
import { canOnClient, type RouteHandle } from "../../core/permissions";
import { requestedWeek, weeksEnding } from "../../core/weeks";
import { fieldErrors } from "../../core/control-forms";
import { noteDelete, noteForm } from "../../core/tracker-forms";
import { notFound } from "~/server/auth.server";
import { chartScope, chartSeries } from "~/server/charts.server";
import { readForm } from "~/server/form.server";
import { commit, requireClientAccess, requireClientHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Charts · ${data.clientName} · Celerity` : "Charts · Celerity" },
];

const SPANS = [8, 12, 26, 52] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireClientAccess(request, context, params, handle.access.loader);
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
  const spent = series.weeks.flatMap((w) =>
    w.spendCents === null ? [] : [{ weekStart: w.week, spendCents: w.spendCents }],
  );
  return {
    clientName: grid.client.name,
    series,
    of: of ?? "",
    canEdit: canOnClient(scope, grid.client.id, "tracker.edit") === "yes",
    // A campaign has no budget of its own; a client's or a group's paces against its groups' budgets.
    pacing:
      series.budgetCents === null ? null : pace({ weeklyBudgetCents: series.budgetCents, weeks: spent, asOf: until }),
    span,
    until,
    options: [
      ...grid.groups.filter(live).map((g) => ({ value: `group:${g.id}`, label: `Group: ${g.name}` })),
      ...grid.campaigns.filter(live).map((c) => ({ value: `campaign:${c.id}`, label: `Campaign: ${c.name}` })),
    ],
  };
}

/**
 * Adds a note on a week of what the charts show (the client, a group or a campaign, by `of`), or
 * deletes one. The scope must be this client's: `chartSeries` finds nothing otherwise (404).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { hub } = await requireClientHub(request, context, params, handle.access.action);
  const form = Object.fromEntries(await readForm(request));
  const grid = await hub.clientGrid(params.clientId ?? "", "0000-01-01", "0000-01-01");
  const series = grid && chartSeries(grid, [], chartScope(String(form.of ?? "")));
  if (!series) throw notFound();
  const parsed = form.intent === "note-delete" ? noteDelete.safeParse(form) : noteForm.safeParse(form);
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error) }, { status: 422 });
  return commit(request, context, params.slug, [
    "id" in parsed.data
      ? { kind: "annotation.delete", ...parsed.data }
      : { kind: "annotation.create", ...series.noteTarget, ...parsed.data },
  ]);
}

/** A client's weeks as charts: the whole client, one campaign group or one campaign. */
export default function ClientCharts() {
  const { clientName, series, of, span, until, options, canEdit, pacing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
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
        {span} weeks up to the week of {formatWeek(until)}.
      </p>
      {pacing ? <PacingSummary pacing={pacing} format={format} noBudget="" /> : null}
      <RoasAndSpendCharts
        weeks={series.weeks}
        targetMilli={series.targetMilli}
        budgetCents={series.budgetCents}
        notes={series.notes}
        format={format}
      />
      <WeekNotesForm
        notes={series.notes}
        weeks={series.weeks.map((w) => w.week)}
        hidden={{ of }}
        canEdit={canEdit}
        busy={busy}
        errors={result && !result.ok && "errors" in result ? result.errors : {}}
      />
    </div>
  );
}
