import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FormError } from "~/components/ui/field";
import { inputClass } from "~/components/ui/input";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { formatGrouped, type NumberFormat } from "../../core/decimal";
import { formatWeek } from "~/lib/format";
import { cellKey, treeOf, type GridData } from "~/lib/grid";
import { newIdempotencyKey } from "../../core/idempotency";
import { amountInput, type Currency, formatMoneyShort } from "../../core/money";
import { type RouteHandle, canOnClient } from "../../core/permissions";
import { formatRoas } from "../../core/roas";
import { weekRows } from "../../core/tracker-forms";
import { isWeekStart, shiftWeek } from "../../core/weeks";
import { notFound } from "~/server/auth.server";
import { commitAsMember, requireClientAccess, requireClientHub } from "~/server/tracker.server";
import type { Mutation } from "../../core/mutations";
import type { MetricRow } from "../../core/protocol";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.grid.client.name}, week of ${data.week} · Celerity` : "Celerity" },
];

/** One week of a client as a plain form: the grid without JavaScript, and the easy way on a phone. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const week = params.week ?? "";
  if (!isWeekStart(week)) throw new Response("A week starts on a Monday", { status: 404 });
  const grid = await hub.clientGrid(params.clientId ?? "", week, week);
  if (!grid) throw notFound();
  const { seq: _seq, ...rest } = grid;
  // A key per render (ADR 013): this page's save is applied once however often it is sent,
  // and nobody else's save of the same week can be mistaken for it.
  return {
    grid: rest as GridData,
    week,
    canEdit: canOnClient(scope, grid.client.id, "tracker.edit") === "yes",
    saveKey: newIdempotencyKey(),
  };
}

type RowError = { campaignId: string; message: string };
type Typed = Record<string, { adSpend: string; sales: string }>;
type ActionResult = {
  errors: RowError[];
  form: string;
  typed: Typed;
  /**
   * After a conflict: each campaign's week as it is now, the rows the user changed, and those someone else changed too.
   */
  current?: Record<string, MetricRow | null>;
  changed?: string[];
  conflicts?: string[];
  saveKey?: string;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const week = params.week ?? "";
  const { org, hub } = await requireClientHub(request, context, params, handle.access.action);
  const form = await readForm(request);
  const all = (name: string) => form.getAll(name).map(String);
  const [spends, sales, versions, loadedSpends, loadedSales] = [
    all("adSpend"),
    all("sales"),
    all("version"),
    all("loadedSpend"),
    all("loadedSales"),
  ];
  const rows = all("campaignId").map((campaignId, i) => ({
    campaignId,
    adSpend: spends[i] ?? "",
    sales: sales[i] ?? "",
    version: versions[i] ?? "",
    // What the form showed: a row left as it was is not saved (a post without it saves every row).
    loaded:
      loadedSpends[i] === undefined || loadedSales[i] === undefined
        ? undefined
        : { adSpend: loadedSpends[i], sales: loadedSales[i] },
  }));
  const typed: Typed = Object.fromEntries(rows.map((r) => [r.campaignId, { adSpend: r.adSpend, sales: r.sales }]));
  const answer = (status: number, result: Omit<ActionResult, "typed">) =>
    data<ActionResult>({ ...result, typed }, { status });
  if (!isWeekStart(week))
    return answer(422, { errors: [], form: "A week starts on a Monday: pick that Monday's date" });

  const parsed = weekRows(org.numberFormat).safeParse({ mutationId: form.get("mutationId") ?? "", rows });
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue) => {
      const [where, index] = issue.path;
      return where === "rows" && typeof index === "number"
        ? [{ campaignId: rows[index]!.campaignId, message: issue.message }]
        : [];
    });
    return answer(422, {
      errors,
      form:
        errors.length > 0 ? "Some rows are not valid; nothing was saved" : "This form is out of date; reload the page",
    });
  }
  const changed = parsed.data.rows.filter(
    (row) => !row.loaded || row.loaded.adSpend !== row.adSpend || row.loaded.sales !== row.sales,
  );
  const errors: RowError[] = [];
  const mutations: Mutation[] = [];
  for (const { campaignId, adSpend, sales, version } of changed) {
    if (adSpend !== null && sales !== null)
      mutations.push({
        kind: "metric.save",
        campaignId,
        weekStart: week,
        adSpendCents: adSpend,
        salesCents: sales,
        version,
      });
    else if (adSpend === null && sales === null) {
      // Both emptied: the week's numbers are removed; never entered: nothing to do.
      if (version) mutations.push({ kind: "metric.delete", campaignId, weekStart: week, version });
    } else errors.push({ campaignId, message: "Enter both spend and sales, or clear both to remove the week" });
  }
  // Nothing is saved while any row is wrong: the user fixes it and sends the whole week again.
  if (errors.length > 0) return answer(422, { errors, form: "Some rows are not valid; nothing was saved" });
  // Not a redirect: "saved" would claim these numbers are the stored ones, which a teammate may have changed.
  if (mutations.length === 0)
    return answer(200, {
      errors,
      form:
        changed.length === 0 ? "Nothing was changed, so nothing was saved." : "Enter at least one campaign's numbers",
    });
  const { result, status } = await commitAsMember(request, context, params.slug, mutations, parsed.data.mutationId);
  if (result.ok) throw redirect(`/o/${params.slug}/clients/${params.clientId}?saved=${week}`);
  if (result.error.code !== "conflict" && result.error.code !== "key_reused")
    return answer(status, { errors, form: result.error.message });

  // Someone saved this week since the page was loaded: show their numbers beside the user's,
  // with the versions now current, so that saving again replaces theirs knowingly.
  const now = await hub.clientGrid(params.clientId ?? "", week, week);
  const current = new Map((now?.metrics ?? []).map((m) => [m.campaignId, m]));
  return answer(409, {
    errors,
    current: Object.fromEntries(rows.map((row) => [row.campaignId, current.get(row.campaignId) ?? null])),
    changed: changed.map((row) => row.campaignId),
    conflicts: changed
      .filter((row) => current.get(row.campaignId)?.version !== row.version)
      .map((row) => row.campaignId),
    saveKey: newIdempotencyKey(),
    form:
      "Someone saved this week while you were editing; nothing was saved. Their numbers " +
      "are shown beside yours: save again to replace them.",
  });
}

/** A week's numbers as they stand: "spend $1,200, sales $4,800, ROAS 4.00". */
function describeWeek(row: MetricRow, format: NumberFormat, currency: Currency): string {
  const money = (cents: number) => formatMoneyShort(cents, format, currency);
  return `spend ${money(row.adSpendCents)}, sales ${money(row.salesCents)}, ROAS ${formatRoas(row.roasMilli, format)}`;
}

export default function WeekForm() {
  const { grid, week, canEdit, saveKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const format = useNumberFormat();
  const currency = useCurrency();
  const saving = useNavigation().state === "submitting";
  const metrics = new Map(grid.metrics.map((m) => [cellKey(m.campaignId, m.weekStart), m]));
  const rowError = (id: string) => result?.errors.find((e) => e.campaignId === id)?.message;
  const example = formatGrouped(123456, 2, format);
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="week-heading">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="week-heading" className="text-lg font-semibold">
          {grid.client.name} · week of {formatWeek(week)}
        </h2>
        <nav className="ml-auto flex gap-2 text-sm" aria-label="Weeks">
          <Link relative="path" to={`../${shiftWeek(week, -1)}`} className="hover:underline">
            ← Previous week
          </Link>
          <Link relative="path" to={`../${shiftWeek(week, 1)}`} className="hover:underline">
            Next week →
          </Link>
          <Link relative="path" to="../.." className="font-medium hover:underline">
            Back to the grid
          </Link>
        </nav>
      </div>
      <FormError message={result?.form} />
      <Form method="post" className="grid gap-4">
        <input type="hidden" name="mutationId" value={result?.saveKey ?? saveKey} />
        {treeOf(grid).map(({ channel, groups }) => (
          <Card key={channel.id} className="grid gap-3 p-4">
            <h3 className="flex items-center gap-2 font-semibold">
              {channel.channel.iconUrl ? <img src={channel.channel.iconUrl} alt="" width={18} height={18} /> : null}
              {channel.channel.name}
            </h3>
            {groups.map(({ group, campaigns }) => (
              <fieldset key={group.id} className="grid gap-2">
                <legend className="text-sm font-medium text-muted-foreground">{group.name}</legend>
                {campaigns.map((campaign) => {
                  // The row as now known: the loader's, or after a conflict the one stored now.
                  const current = result?.current
                    ? (result.current[campaign.id] ?? undefined)
                    : metrics.get(cellKey(campaign.id, week));
                  const conflict = result?.conflicts?.includes(campaign.id) ?? false;
                  // What the user typed is kept; after a conflict, rows they left alone show what is stored now.
                  const mine =
                    result?.typed[campaign.id] && (!result.current || result.changed?.includes(campaign.id))
                      ? result.typed[campaign.id]
                      : undefined;
                  const shown = {
                    adSpend: current ? amountInput(current.adSpendCents, format) : "",
                    sales: current ? amountInput(current.salesCents, format) : "",
                  };
                  const error = rowError(campaign.id);
                  return (
                    <div
                      key={`${campaign.id}:${current?.version ?? 0}`}
                      className={
                        "grid gap-2 rounded-md border border-border p-3 sm:grid-cols-[1fr_8rem_8rem] " +
                        "sm:items-center"
                      }
                    >
                      <div>
                        <p className="font-medium">{campaign.name}</p>
                        <p className="text-xs text-muted-foreground">
                          {campaign.targetRoasMilli === null
                            ? "No target"
                            : `Target ${formatRoas(campaign.targetRoasMilli, format)}×`}
                          {current ? ` · now ${describeWeek(current, format, currency)} · ` : ""}
                          {current ? (
                            <Link
                              to={`../../history/${campaign.id}/${week}`}
                              relative="path"
                              className="underline-offset-4 hover:underline"
                              aria-label={`History of ${campaign.name}, week of ${week}`}
                            >
                              History
                            </Link>
                          ) : null}
                        </p>
                        {conflict ? (
                          <p role="alert" className="text-sm font-medium">
                            ⚠{" "}
                            {current
                              ? `Saved meanwhile by someone else: ${describeWeek(current, format, currency)}`
                              : "Cleared meanwhile by someone else"}
                          </p>
                        ) : null}
                        {error ? (
                          <p role="alert" className="text-sm text-danger">
                            {error}
                          </p>
                        ) : null}
                      </div>
                      <input type="hidden" name="campaignId" value={campaign.id} />
                      <input type="hidden" name="version" value={current?.version ?? ""} />
                      <input type="hidden" name="loadedSpend" value={shown.adSpend} />
                      <input type="hidden" name="loadedSales" value={shown.sales} />
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        Spend
                        <input
                          name="adSpend"
                          inputMode="decimal"
                          disabled={!canEdit}
                          aria-invalid={error ? true : undefined}
                          placeholder={example}
                          defaultValue={mine ? mine.adSpend : shown.adSpend}
                          className={`${inputClass} text-right tabular-nums`}
                        />
                      </label>
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        Sales
                        <input
                          name="sales"
                          inputMode="decimal"
                          disabled={!canEdit}
                          aria-invalid={error ? true : undefined}
                          defaultValue={mine ? mine.sales : shown.sales}
                          className={`${inputClass} text-right tabular-nums`}
                        />
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </Card>
        ))}
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : result?.conflicts?.length ? "Save mine over theirs" : "Save the week"}
            </Button>
            <p className="text-sm text-muted-foreground">
              Amounts like {example}. Clear both fields of a row to remove its week.
            </p>
          </div>
        ) : null}
      </Form>
    </section>
  );
}
