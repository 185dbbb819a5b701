import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useRef } from "react";
import { LiveStatus } from "~/components/live-status";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { VerdictBadge } from "~/components/verdict-badge";
import { WeekChart } from "~/components/week-chart";
import { useNumberFormat } from "~/hooks/use-number-format";
import { useOrgSocket } from "~/hooks/use-org-socket";
import { formatWeek } from "~/lib/format";
import { PACING_LABELS } from "~/lib/poc-labels";
import { z } from "zod";
import { fieldErrors } from "../../core/control-forms";
import { nameField, weekStart } from "../../core/fields";
import { amountInput, formatMoneyShort } from "../../core/money";
import { can, type RouteHandle } from "../../core/permissions";
import { BAND_CONFIDENCE, reportPoc } from "../../core/poc";
import { computeRoasMilli, formatRoas, formatRoasTimes, roasInput } from "../../core/roas";
import { pocForm } from "../../core/tracker-forms";
import { earlierWeek, requestedWeek, shiftWeek, weeksBetween } from "../../core/weeks";
import { notFound, requirePermission } from "~/server/auth.server";
import { readForm } from "~/server/form.server";
import { commit, requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.channel.clientName} · ${data.channel.channel.name} POC · Celerity` : "POC · Celerity" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, role, hub } = await requireOrgHub(request, context, params.slug);
  const week = requestedWeek(new URL(request.url).searchParams.get("week"));
  const poc = await hub.poc(params.clientChannelId ?? "", week);
  if (!poc) throw notFound();
  const { assessment, pacing } = reportPoc(poc, week, org.numberFormat);
  const { criteria } = poc;
  // The chart shows the POC's window: its start to the week asked about, never past its end.
  const end = earlierWeek(week, shiftWeek(criteria.startWeek, criteria.maxWeeks - 1));
  const count = Math.max(0, weeksBetween(criteria.startWeek, end) + 1);
  const byWeek = new Map(poc.weeks.map((w) => [w.weekStart, w]));
  return {
    orgId: org.id,
    seq: await hub.stats().then((stats) => stats.seq),
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
    canEdit: can(role, "tracker.edit"),
  };
}

const noteForm = z.object({ weekStart, text: nameField({ max: 280, empty: "Write the note" }) });
const noteDelete = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().positive() });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, role, hub } = await requireOrgHub(request, context, params.slug);
  requirePermission(role, handle.access.action);
  const clientChannelId = params.clientChannelId ?? "";
  if (!(await hub.clientChannel(clientChannelId))) throw notFound();
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
  const revalidator = useRevalidator();
  const pending = useRef<ReturnType<typeof setTimeout>>();
  // A teammate's edit anywhere in the org may move this POC: refresh, at most twice a second.
  const socket = useOrgSocket({
    orgId,
    since: seq,
    onEvent: () => {
      clearTimeout(pending.current);
      pending.current = setTimeout(() => revalidator.revalidate(), 500);
    },
    onReload: () => revalidator.revalidate(),
  });
  const errors: Record<string, string | undefined> = result && !result.ok && "errors" in result ? result.errors : {};
  const refusal = result && !result.ok && "error" in result ? result.error.message : undefined;
  const money = (cents: number) => formatMoneyShort(cents, format);
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

      <Card className="grid gap-2 p-5 text-sm">
        <h3 className="font-semibold">Pacing</h3>
        {pacing.week.band === null ? (
          <p className="text-muted-foreground">No weekly budget: set one below, or on the campaign groups.</p>
        ) : (
          <ul className="grid gap-1">
            <li>
              This week: {money(pacing.week.spendCents)} of {money(pacing.week.budgetCents)} —{" "}
              <strong>{PACING_LABELS[pacing.week.band]}</strong>
            </li>
            <li>
              Month to date: {money(pacing.monthToDate.spendCents)} of {money(pacing.monthToDate.budgetCents)} —{" "}
              <strong>{pacing.monthToDate.band ? PACING_LABELS[pacing.monthToDate.band] : "—"}</strong>; projected{" "}
              {money(pacing.monthToDate.projectedCents)} of {money(pacing.monthToDate.monthBudgetCents)} for the month
            </li>
          </ul>
        )}
      </Card>

      {series.length === 0 ? (
        <Card className="text-muted-foreground">This POC starts the week of {formatWeek(criteria.startWeek)}.</Card>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card className="p-4">
            <WeekChart
              title="ROAS vs target"
              kind="line"
              weeks={series.map((w) => ({
                week: w.week,
                value: w.spendCents === null ? null : computeRoasMilli(w.spendCents, w.salesCents ?? 0),
              }))}
              reference={{ label: "Target", value: assessment.targetRoasMilli }}
              notes={chartNotes}
              format={(milli) => formatRoasTimes(Math.round(milli), format)}
            />
          </Card>
          <Card className="p-4">
            <WeekChart
              title="Spend vs budget"
              kind="bars"
              weeks={series.map((w) => ({ week: w.week, value: w.spendCents }))}
              reference={{ label: "Budget", value: budgetCents }}
              notes={chartNotes}
              format={(cents) => money(Math.round(cents))}
            />
          </Card>
        </div>
      )}

      <Card className="grid gap-3 p-5 text-sm">
        <h3 className="font-semibold">Notes</h3>
        {notes.length === 0 ? (
          <p className="text-muted-foreground">No notes yet on this POC's weeks.</p>
        ) : (
          <ul className="grid gap-2" aria-label="Notes on weeks">
            {notes.map((note) => (
              <li key={note.id} className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{formatWeek(note.weekStart)}:</span>
                <span>{note.text}</span>
                {canEdit ? (
                  <Form method="post" className="ml-auto">
                    <input type="hidden" name="intent" value="note-delete" />
                    <input type="hidden" name="id" value={note.id} />
                    <input type="hidden" name="version" value={note.version} />
                    <Button type="submit" variant="outline" size="sm" aria-label={`Delete the note “${note.text}”`}>
                      Delete
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {canEdit && series.length > 0 ? (
          <Form method="post" className="flex flex-wrap items-end gap-3" key={notes.length}>
            <input type="hidden" name="intent" value="note" />
            <Field label="Week" error={errors.weekStart}>
              <Select name="weekStart" defaultValue={series.at(-1)!.week} className="h-10 w-36">
                {series.map((w) => (
                  <option key={w.week} value={w.week}>
                    {formatWeek(w.week)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Note" error={errors.text} className="min-w-56 flex-1">
              <Input name="text" maxLength={280} placeholder="Raised bids 20%" required />
            </Field>
            <Button type="submit" variant="outline" className="h-10" disabled={busy}>
              Add note
            </Button>
          </Form>
        ) : null}
      </Card>

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
