import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { BackLink } from "~/components/back-link";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FormError } from "~/components/ui/field";
import { List, ListItem } from "~/components/ui/list";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { formatWeek } from "~/lib/format";
import { timeAgo } from "~/lib/time-ago";
import { formatMoney } from "../../core/money";
import { canOnClient, type RouteHandle } from "../../core/permissions";
import { formatRoasTimes } from "../../core/roas";
import { readForm } from "~/server/form.server";
import { readCellHistory } from "~/server/history.server";
import { commitAsMember, requireClientAccess, requireClientHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `History · ${data.campaign.name}, week of ${data.week} · Celerity` : "History · Celerity" },
];

/** `/o/<slug>/clients/<id>/history/<campaignId>/<week>`: who changed a week's numbers, when, old → new. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const cell = await readCellHistory(hub, params);
  return { ...cell, canEdit: canOnClient(scope, cell.campaign.clientId, "tracker.edit") === "yes" };
}

const restoreForm = z.object({
  /** The audit row of the change whose values come back. */
  change: z.coerce.number().int().positive(),
  /** The week's version when the page was shown: a change meanwhile is a conflict, never overwritten. */
  expected: z.coerce.number().int().min(0),
});

/** Restores an earlier value: a new change (audited, broadcast), never an edit of the history. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { hub } = await requireClientHub(request, context, params, handle.access.action);
  const cell = await readCellHistory(hub, params);
  const form = restoreForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) return data({ ok: false as const, message: "Choose a version to restore" }, { status: 422 });
  const change = cell.changes.find((c) => c.id === form.data.change);
  if (!change)
    return data({ ok: false as const, message: "That version is not in this week's history" }, { status: 404 });
  const base = { campaignId: cell.campaign.id, weekStart: cell.week };
  const expected = form.data.expected === 0 ? undefined : form.data.expected;
  const mutation =
    change.adSpendCents === null || change.salesCents === null
      ? { kind: "metric.delete" as const, ...base, version: expected ?? 0 }
      : {
          kind: "metric.save" as const,
          ...base,
          adSpendCents: change.adSpendCents,
          salesCents: change.salesCents,
          version: expected,
        };
  if (mutation.kind === "metric.delete" && expected === undefined)
    return data({ ok: true as const, message: "The week is already empty" });
  const { result, status } = await commitAsMember(request, context, params.slug, [mutation]);
  if (!result.ok) {
    const message =
      result.error.code === "conflict"
        ? "Someone changed this week since the page was shown; nothing was restored. Look again and retry."
        : result.error.message;
    return data({ ok: false as const, message }, { status });
  }
  return { ok: true as const, message: "Restored. The change is in the history, above." };
}

export default function CellHistory() {
  const { campaign, week, changes, current, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const format = useNumberFormat();
  const currency = useCurrency();
  const money = (cents: number | null) => (cents === null ? "empty" : formatMoney(cents, format, currency));
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="history-heading">
      <BackLink to={`../../..?until=${week}`}>Back to the grid</BackLink>
      <h2 id="history-heading" className="text-lg font-semibold">
        {campaign.name}, week of {formatWeek(week)}: history
      </h2>
      {result ? (
        result.ok ? (
          <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
            {result.message}
          </p>
        ) : (
          <FormError message={result.message} />
        )
      ) : null}
      {changes.length === 0 ? (
        <Card className="text-muted-foreground">Nobody has entered numbers for this week yet.</Card>
      ) : (
        <List aria-label="Changes, newest first">
          {changes.map((change, index) => {
            const previous = changes[index + 1];
            const isCurrent = index === 0;
            return (
              <ListItem key={change.id}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {previous
                      ? `${money(previous.adSpendCents)} → ${money(change.adSpendCents)} spend · ` +
                        `${money(previous.salesCents)} → ${money(change.salesCents)} sales`
                      : `Entered ${money(change.adSpendCents)} spend · ${money(change.salesCents)} sales`}
                    {change.roasMilli !== null ? ` · ${formatRoasTimes(change.roasMilli, format)}` : ""}
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {change.actorLabel ?? "Someone"} ·{" "}
                    <time dateTime={new Date(change.at).toISOString()} title={new Date(change.at).toISOString()}>
                      {timeAgo(change.at)}
                    </time>
                    {isCurrent ? " · current value" : ""}
                  </p>
                </div>
                {canEdit && !isCurrent ? (
                  <Form method="post">
                    <input type="hidden" name="change" value={change.id} />
                    <input type="hidden" name="expected" value={current?.version ?? 0} />
                    <Button type="submit" variant="outline" size="sm" disabled={busy}>
                      Restore these numbers
                    </Button>
                  </Form>
                ) : null}
              </ListItem>
            );
          })}
        </List>
      )}
    </section>
  );
}
