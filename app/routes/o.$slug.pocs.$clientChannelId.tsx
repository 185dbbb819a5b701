import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { LiveStatus } from "~/components/live-status";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { VerdictBadge } from "~/components/verdict-badge";
import { PacingSummary } from "~/components/pacing-summary";
import { RoasAndSpendCharts } from "~/components/week-chart";
import { WeekNotesForm } from "~/components/week-notes";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { useRevalidateOnChange } from "~/hooks/use-revalidate-on-change";
import { formatWeek } from "~/lib/format";
import { fieldErrors } from "../../core/control-forms";
import { amountInput, formatMoneyShort } from "../../core/money";
import { canOnClient, type RouteHandle } from "../../core/permissions";
import { BAND_CONFIDENCE, reportPoc } from "../../core/poc";
import { computeRoasMilli, formatRoas, formatRoasTimes, roasInput } from "../../core/roas";
import { noteDelete, noteForm, pocForm } from "../../core/tracker-forms";
import { earlierWeek, requestedWeek, shiftWeek, weeksBetween } from "../../core/weeks";
import { notFound, requireClientPermission, requirePermission } from "~/server/auth.server";
import { readForm } from "~/server/form.server";
import { commit, requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.channel.clientName} · ${data.channel.channel.name} POC · Celerity` : "POC · Celerity" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  const week = requestedWeek(new URL(request.url).searchParams.get("week"));
  const poc = await hub.poc(params.clientChannelId ?? "", week);
  if (!poc) throw notFound();
  requireClientPermission(scope, poc.clientChannel.clientId, handle.access.loader);
  const { assessment, pacing } = reportPoc(poc, week, org.numberFormat, org.currency);
  const { criteria } = poc;
  // The chart shows the POC's window: its start to the week asked about, never past its end.
  const end = earlierWeek(week, shiftWeek(criteria.startWeek, criteria.maxWeeks - 1));
  const count = Math.max(0, weeksBetween(criteria.startWeek, end) + 1);
  const byWeek = new Map(poc.weeks.map((w) => [w.weekStart, w]));
  return {
    orgId: org.id,
    seq: poc.seq,
    channel: poc.clientChannel,
    criteria,
    version: poc.version,
    week,
    assessment,
    pacing,
    budgetCents: criteria.weeklyBudgetCents ?? poc.groupBudgetCents,
    series: Array.from({ length: count }, (_, i) => {
      const w = shiftWeek(criteria.startWeek, i);
      return { week: w, spendCents: byWeek.get(w)?.spendCents ?? null, salesCents: byWeek.get(w)?.salesCents ?? null };
    }),
    notes: poc.notes,
    canEdit: canOnClient(scope, poc.clientChannel.clientId, "tracker.edit") === "yes",
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  // An org-wide role is judged first; a scope limited to clients by the channel's client (404 if not theirs).
  if (scope.clients === null) requirePermission(scope, handle.access.action);
  const clientChannelId = params.clientChannelId ?? "";
  const channel = await hub.clientChannel(clientChannelId);
  if (!channel) throw notFound();
  requireClientPermission(scope, channel.clientId, handle.access.action);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "note") {
    const note = noteForm.safeParse(form);
    if (!note.success) return data({ ok: false as const, errors: fieldErrors(note.error) }, { status: 422 });
    return commit(request, context, params.slug, [
      { kind: "annotation.create", entity: "clientChannel", entityId: clientChannelId, ...note.data },
    ]);
  }
  if (form.intent === "note-delete") {
    const note = noteDelete.safeParse(form);
    if (!note.success) return data({ ok: false as const, errors: fieldErrors(note.error) }, { status: 422 });
    return commit(request, context, params.slug, [{ kind: "annotation.delete", ...note.data }]);
  }
  const parsed = pocForm(org.numberFormat).safeParse(form);
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error) }, { status: 422 });
  const { version, minSpend, targetRoas, weeklyBudget, ...rest } = parsed.data;
  return commit(request, context, params.slug, [
    {
      kind: "poc.set",
      clientChannelId,
      ...rest,
      minSpendCents: minSpend,
      targetRoasMilli: targetRoas,
      weeklyBudgetCents: weeklyBudget,
      version,
    },
  ]);
}

/** One POC: its verdict and why, its pacing, its weeks as charts and tables, and its criteria. */
export default function Poc() {
  const { orgId, seq, channel, criteria, version, week, assessment, pacing, budgetCents, series, notes, canEdit } =
    useLoaderData<typeof loader>();
  const chartNotes = notes.map((n) => ({ week: n.weekStart, text: n.text }));
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const format = useNumberFormat();
  const currency = useCurrency();
  const socket = useRevalidateOnChange(orgId, seq);
  const errors: Record<string, string | undefined> = result && !result.ok && "errors" in result ? result.errors : {};
  const refusal = result && !result.ok && "error" in result ? result.error.message : undefined;
  const money = (cents: number) => formatMoneyShort(cents, format, currency);
  const times = (milli: number | null) => formatRoasTimes(milli, format);
  const band =
    assessment.lowMilli === null
      ? "—"
      : `${formatRoas(assessment.lowMilli, format)}–${formatRoasTimes(assessment.highMilli, format)}`;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">
          <Link to={`../clients/${channel.clientId}`} className="hover:underline">
            {channel.clientName}
          </Link>{" "}
          · {channel.channel.name} POC
        </h2>
        <LiveStatus status={socket.status} />
        <Form method="get" className="ml-auto flex items-end gap-2 text-sm">
          <Field label="As of the week of">
            <Input type="date" name="week" defaultValue={week} className="h-10 w-40" />
          </Field>
          <Button type="submit" variant="outline" className="h-10">
            Show
          </Button>
        </Form>
      </div>

      <Card className="grid gap-3 p-5">
        <div className="flex flex-wrap items-baseline gap-3">
          <VerdictBadge verdict={assessment.verdict} className="text-2xl" />
          <span className="text-sm text-muted-foreground">as of the week of {formatWeek(week)}</span>
        </div>
        <p data-testid="poc-reason">{assessment.reason}</p>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          {[
            ["Weeks", `${assessment.weeks} of ${criteria.minWeeks}–${criteria.maxWeeks}`],
            ["Spend", money(assessment.spendCents)],
            ["Sales", money(assessment.salesCents)],
            ["ROAS vs target", `${times(assessment.roasMilli)} / ${times(assessment.targetRoasMilli)}`],
            [`${Math.round(BAND_CONFIDENCE * 100)}% band`, band],
          ].map(([label, value]) => (
            <div key={label}>
              <dt className="text-muted-foreground">{label}</dt>
              <dd className="font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>

      <PacingSummary
        pacing={pacing}
        format={format}
        noBudget="No weekly budget: set one below, or on the campaign groups."
      />

      {series.length === 0 ? (
        <Card className="text-muted-foreground">This POC starts the week of {formatWeek(criteria.startWeek)}.</Card>
      ) : (
        <RoasAndSpendCharts
          weeks={series.map((w) => ({
            week: w.week,
            roasMilli: w.spendCents === null ? null : computeRoasMilli(w.spendCents, w.salesCents ?? 0),
            spendCents: w.spendCents,
          }))}
          targetMilli={assessment.targetRoasMilli}
          budgetCents={budgetCents}
          notes={chartNotes}
          format={format}
        />
      )}

      <WeekNotesForm
        notes={notes.map((n) => ({ id: n.id, version: n.version, week: n.weekStart, text: n.text }))}
        weeks={series.map((w) => w.week)}
        canEdit={canEdit}
        busy={busy}
        errors={errors}
      />

      {canEdit ? (
        <Card className="grid gap-4 p-5">
          <h3 className="font-semibold">Success criteria</h3>
          {version === null ? (
            <p className="text-sm text-muted-foreground">
              Not set yet: judged from its first numbers by the defaults and its campaigns' target.
            </p>
          ) : null}
          <Form method="post" className="grid gap-4 sm:grid-cols-3">
            <input type="hidden" name="version" value={version ?? ""} />
            <FormError message={refusal} />
            <Field label="Start week (a Monday)" error={errors.startWeek}>
              <Input type="date" name="startWeek" step={7} defaultValue={criteria.startWeek} required />
            </Field>
            <Field label="Minimum weeks" error={errors.minWeeks}>
              <Input type="number" name="minWeeks" min={1} defaultValue={criteria.minWeeks} inputMode="numeric" />
            </Field>
            <Field label="Maximum weeks" error={errors.maxWeeks}>
              <Input type="number" name="maxWeeks" min={1} defaultValue={criteria.maxWeeks} inputMode="numeric" />
            </Field>
            <Field label="Minimum total spend" error={errors.minSpend} hint="Empty: no minimum">
              <Input
                name="minSpend"
                inputMode="decimal"
                defaultValue={criteria.minSpendCents ? amountInput(criteria.minSpendCents, format) : ""}
              />
            </Field>
            <Field label="Target ROAS" error={errors.targetRoas} hint="Empty: the campaigns' target">
              <Input
                name="targetRoas"
                inputMode="decimal"
                defaultValue={criteria.targetRoasMilli === null ? "" : roasInput(criteria.targetRoasMilli, format)}
              />
            </Field>
            <Field label="Weekly budget" error={errors.weeklyBudget} hint="Empty: the groups' budgets">
              <Input
                name="weeklyBudget"
                inputMode="decimal"
                defaultValue={
                  criteria.weeklyBudgetCents === null ? "" : amountInput(criteria.weeklyBudgetCents, format)
                }
              />
            </Field>
            <div className="sm:col-span-3">
              <Button type="submit" disabled={busy}>
                {busy ? "Saving…" : "Save criteria"}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
