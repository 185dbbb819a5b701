import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FormError } from "~/components/ui/field";
import { inputClass } from "~/components/ui/input";
import { formatMoneyShort, formatWeek } from "~/lib/format";
import { cellKey, treeOf, type GridData } from "~/lib/grid";
import { centsToDecimal, parseCents } from "~/lib/money";
import { can } from "~/lib/permissions";
import { formatRoas } from "~/lib/roas";
import { isWeekStart, shiftWeek } from "~/lib/weeks";
import { notFound } from "~/server/auth.server";
import { commit, requireOrgHub } from "~/server/tracker.server";
import type { Mutation } from "../../party/mutations";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.grid.client.name}, week of ${data.week} · Celerity` : "Celerity" }];

/** One week of a client as a plain form: the grid without JavaScript, and the easy way on a phone. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { role, hub } = await requireOrgHub(request, context, params.slug);
  const week = params.week ?? "";
  if (!isWeekStart(week)) throw new Response("A week starts on a Monday", { status: 404 });
  const grid = await hub.clientGrid(params.clientId ?? "", week, week);
  if (!grid) throw notFound();
  const { seq: _seq, ...rest } = grid;
  return { grid: rest as GridData, week, canEdit: can(role, "tracker.edit") };
}

type RowError = { campaignId: string; message: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const week = params.week ?? "";
  if (!isWeekStart(week)) return data({ errors: [] as RowError[], form: "A week starts on a Monday: pick that Monday's date" }, { status: 422 });
  const form = await request.formData();
  const ids = form.getAll("campaignId").map(String);
  const spends = form.getAll("adSpend").map(String);
  const sales = form.getAll("sales").map(String);
  const versions = form.getAll("version").map(String);
  const errors: RowError[] = [];
  const mutations: Mutation[] = [];
  ids.forEach((campaignId, i) => {
    const [spend, sale, version] = [spends[i]?.trim() ?? "", sales[i]?.trim() ?? "", versions[i] ?? ""];
    if (spend === "" && sale === "" && !version) return; // left empty: nothing to save
    const adSpendCents = parseCents(spend);
    const salesCents = parseCents(sale);
    if (adSpendCents === null || salesCents === null) {
      errors.push({ campaignId, message: "Enter spend and sales as amounts like 1234.56 (not negative)" });
      return;
    }
    mutations.push({ kind: "metric.save", campaignId, weekStart: week, adSpendCents, salesCents, version: version ? Number(version) : undefined });
  });
  // Nothing is saved while any row is wrong: the user fixes it and sends the whole week again.
  if (errors.length > 0) return data({ errors, form: "Some rows are not valid; nothing was saved" }, { status: 422 });
  if (mutations.length === 0) return data({ errors, form: "Enter at least one campaign's numbers" }, { status: 422 });
  const response = await commit(request, context, params.slug, mutations, String(form.get("mutationId") ?? "") || undefined);
  if (response.data.ok) throw redirect(`/o/${params.slug}/clients/${params.clientId}?saved=${week}`);
  return data({ errors, form: response.data.error.message }, { status: response.init?.status ?? 409 });
}

export default function WeekForm() {
  const { grid, week, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const metrics = new Map(grid.metrics.map((m) => [cellKey(m.campaignId, m.weekStart), m]));
  const rowError = (id: string) => result?.errors.find((e) => e.campaignId === id)?.message;
  const base = `../..`;
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="week-heading">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="week-heading" className="text-lg font-semibold">
          {grid.client.name} · week of {formatWeek(week)}
        </h2>
        <nav className="ml-auto flex gap-2 text-sm">
          <Link relative="path" to={`../${shiftWeek(week, -1)}`} className="hover:underline">
            ← Previous week
          </Link>
          <Link relative="path" to={`../${shiftWeek(week, 1)}`} className="hover:underline">
            Next week →
          </Link>
          <Link relative="path" to={base} className="font-medium hover:underline">
            Back to the grid
          </Link>
        </nav>
      </div>
      <FormError message={result?.form} />
      <Form method="post" className="grid gap-4">
        <input type="hidden" name="mutationId" value={`${week}-${grid.client.id}-${grid.metrics.map((m) => m.version).join(".")}`} />
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
                  const metric = metrics.get(cellKey(campaign.id, week));
                  const error = rowError(campaign.id);
                  return (
                    <div key={campaign.id} className="grid gap-2 rounded-md border border-border p-3 sm:grid-cols-[1fr_8rem_8rem] sm:items-center">
                      <div>
                        <p className="font-medium">{campaign.name}</p>
                        <p className="text-xs text-muted-foreground">
                          {campaign.targetRoasMilli === null ? "No target" : `Target ${formatRoas(campaign.targetRoasMilli)}×`}
                          {metric ? ` · now ${formatMoneyShort(metric.adSpendCents)} → ${formatMoneyShort(metric.salesCents)}, ROAS ${formatRoas(metric.roasMilli)}` : ""}
                        </p>
                        {error ? (
                          <p role="alert" className="text-sm text-danger">
                            {error}
                          </p>
                        ) : null}
                      </div>
                      <input type="hidden" name="campaignId" value={campaign.id} />
                      <input type="hidden" name="version" value={metric?.version ?? ""} />
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        Spend
                        <input name="adSpend" inputMode="decimal" disabled={!canEdit} aria-invalid={error ? true : undefined} defaultValue={metric ? centsToDecimal(metric.adSpendCents) : ""} className={`${inputClass} text-right tabular-nums`} />
                      </label>
                      <label className="grid gap-1 text-xs text-muted-foreground">
                        Sales
                        <input name="sales" inputMode="decimal" disabled={!canEdit} aria-invalid={error ? true : undefined} defaultValue={metric ? centsToDecimal(metric.salesCents) : ""} className={`${inputClass} text-right tabular-nums`} />
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            ))}
          </Card>
        ))}
        {canEdit ? (
          <div>
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save the week"}
            </Button>
          </div>
        ) : null}
      </Form>
    </section>
  );
}
