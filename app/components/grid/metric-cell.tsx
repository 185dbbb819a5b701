import { useFetcher } from "@remix-run/react";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { formatMoneyShort } from "~/lib/format";
import { cellKey, type RoasStatus, roasStatus } from "~/lib/grid";
import { centsToDecimal, parseCents } from "~/lib/money";
import { computeRoasMilli, formatRoas, formatRoasTimes } from "~/lib/roas";
import { cn } from "~/lib/utils";
import type { CommitResponse } from "~/server/tracker.server";
import type { CampaignRow, MetricRow, OrgEvent } from "../../../party/protocol";

export const STATUS_CLASS: Record<RoasStatus, string> = {
  hit: "text-success",
  near: "text-warning",
  miss: "text-danger",
  none: "text-muted-foreground",
};

const STATUS_LABEL: Record<RoasStatus, string> = {
  hit: "at or above target",
  near: "within 10% below target",
  miss: "more than 10% below target",
  none: "no target",
};

type Props = {
  campaign: CampaignRow;
  week: string;
  metric: MetricRow | undefined;
  row: number;
  col: number;
  active: boolean;
  editing: boolean;
  canEdit: boolean;
  flash: boolean;
  /** Teammates editing this cell right now. */
  editors: string[];
  /** Where the cell leads without JavaScript: the week's form. */
  href: string;
  onActivate: (row: number, col: number) => void;
  /** True once after an editor closed: the active cell should take the keyboard focus. */
  takeFocus: () => boolean;
  onEdit: (editing: boolean, move?: "right") => void;
  onEvents: (events: OrgEvent[]) => void;
  /** Show this row as the cell's value (the user took the other person's numbers). */
  onRow: (row: MetricRow) => void;
};

/** One campaign-week: spend, sales and ROAS against target; edited in place. */
export function MetricCell(props: Props) {
  const { campaign, week, metric, active, editing, canEdit, flash, editors } = props;
  const key = cellKey(campaign.id, week);
  const fetcher = useFetcher<CommitResponse>({ key: `cell:${key}` });
  const ref = useRef<HTMLAnchorElement>(null);
  const lastSubmission = useRef({ adSpend: "", sales: "" });
  // The version the user started editing from: if a teammate saves meanwhile, ours conflicts
  // instead of silently overwriting theirs.
  const editedVersion = useRef<number | undefined>(undefined);
  const wasEditing = useRef(false);
  if (editing && !wasEditing.current) editedVersion.current = metric?.version;
  wasEditing.current = editing;
  const [dismissed, setDismissed] = useState<unknown>(null);
  const result = fetcher.state === "idle" && fetcher.data !== dismissed ? fetcher.data : undefined;
  const conflict = result && !result.ok && result.error.code === "conflict" ? result.error : null;
  const refusal = result && !result.ok && result.error.code !== "conflict" ? result.error : null;
  const theirs = conflict?.current as MetricRow | undefined;

  // Apply our own committed change at once (the socket echo is then a no-op).
  useEffect(() => {
    if (result?.ok) props.onEvents(result.events);
    // Only a new result matters here, not new callback identities.
  }, [result]);

  // Keyboard focus follows the active cell, and lands on it when an editor closes.
  useEffect(() => {
    if (!active || editing || document.activeElement === ref.current) return;
    if (props.takeFocus() || ref.current?.closest("table")?.contains(document.activeElement)) ref.current?.focus();
    // Only a new result matters here, not new callback identities.
  }, [active, editing]);

  // While a save is in flight, show what was typed.
  const pending = fetcher.formData;
  const shown = pending
    ? { adSpendCents: parseCents(String(pending.get("adSpend"))) ?? 0, salesCents: parseCents(String(pending.get("sales"))) ?? 0 }
    : metric;
  const roas = shown ? (metric && !pending ? metric.roasMilli : computeRoasMilli(shown.adSpendCents, shown.salesCents)) : null;
  const status = roasStatus(roas, campaign.targetRoasMilli);
  const spend = shown ? formatMoneyShort(shown.adSpendCents) : "";
  const sales = shown ? formatMoneyShort(shown.salesCents) : "";

  function submit(adSpend: string, sales: string, version: number | undefined, move?: "right") {
    lastSubmission.current = { adSpend, sales };
    const form = new FormData();
    form.set("intent", "cell");
    form.set("campaignId", campaign.id);
    form.set("weekStart", week);
    form.set("adSpend", adSpend);
    form.set("sales", sales);
    if (version) form.set("version", String(version));
    form.set("mutationId", crypto.randomUUID());
    fetcher.submit(form, { method: "post" });
    props.onEdit(false, move);
  }

  function onEditorKey(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      props.onEdit(false);
    }
  }

  if (editing) {
    return (
      <td className="relative border-b border-l border-border p-1 align-top">
        <form
          className="grid gap-1"
          onKeyDown={onEditorKey}
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            submit(String(data.get("adSpend")), String(data.get("sales")), editedVersion.current);
          }}
        >
          <label className="sr-only" htmlFor={`${key}-spend`}>
            Ad spend, {campaign.name}, week of {week}
          </label>
          <input
            id={`${key}-spend`}
            name="adSpend"
            inputMode="decimal"
            autoFocus
            defaultValue={refusal ? lastSubmission.current.adSpend : metric ? centsToDecimal(metric.adSpendCents) : ""}
            placeholder="Spend"
            className="h-8 w-full rounded border border-border bg-background px-1.5 text-right text-sm tabular-nums focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          />
          <label className="sr-only" htmlFor={`${key}-sales`}>
            Sales, {campaign.name}, week of {week}
          </label>
          <input
            id={`${key}-sales`}
            name="sales"
            inputMode="decimal"
            defaultValue={refusal ? lastSubmission.current.sales : metric ? centsToDecimal(metric.salesCents) : ""}
            placeholder="Sales"
            onKeyDown={(event) => {
              if (event.key === "Tab" && !event.shiftKey) {
                event.preventDefault();
                const form = new FormData(event.currentTarget.form!);
                submit(String(form.get("adSpend")), String(form.get("sales")), editedVersion.current, "right");
              }
            }}
            className="h-8 w-full rounded border border-border bg-background px-1.5 text-right text-sm tabular-nums focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          />
          <button type="submit" className="sr-only">
            Save
          </button>
        </form>
      </td>
    );
  }

  return (
    <td className={cn("metric-cell", flash && "bg-warning/25")}>
      <a
        ref={ref}
        href={props.href}
        tabIndex={active ? 0 : -1}
        data-cell={key}
        aria-label={
          shown
            ? `${campaign.name}, week of ${week}: spend ${spend}, sales ${sales}, ROAS ${formatRoas(roas)}, ${STATUS_LABEL[status]}`
            : `${campaign.name}, week of ${week}: empty`
        }
        onClick={(event) => {
          // A click or tap edits in place (the link is only for pages without JavaScript).
          event.preventDefault();
          props.onActivate(props.row, props.col);
          if (canEdit) props.onEdit(true);
        }}
        onFocus={() => props.onActivate(props.row, props.col)}
        className={cn("metric-cell-link", pending && "opacity-60", editors.length > 0 && "ring-2 ring-inset ring-primary/70")}
      >
        {shown ? (
          <>
            <span className="block">{spend}</span>
            <span className="block text-muted-foreground">{sales}</span>
            <span className={cn("block text-xs font-semibold", STATUS_CLASS[status])}>{formatRoasTimes(roas)}</span>
          </>
        ) : (
          <span className="block pt-4 text-muted-foreground/60">{canEdit ? "+" : "—"}</span>
        )}
        {editors.length > 0 ? (
          <span className="absolute left-0 top-0 max-w-full truncate rounded-br bg-primary px-1 text-[10px] text-primary-foreground">{editors.join(", ")}</span>
        ) : null}
      </a>
      {conflict && theirs ? (
        <div role="alertdialog" aria-label="Conflicting edit" className="absolute right-0 top-full z-30 mt-1 w-64 rounded-md border border-border bg-card p-3 text-left text-sm shadow-lg">
          <p className="font-medium">Someone saved this week meanwhile.</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr_1fr] gap-x-3 gap-y-1 tabular-nums">
            <span />
            <dt className="font-medium">Theirs</dt>
            <dt className="font-medium">Yours</dt>
            <span className="text-muted-foreground">Spend</span>
            <dd data-testid="theirs-spend">{formatMoneyShort(theirs.adSpendCents)}</dd>
            <dd data-testid="yours-spend">{lastSubmission.current.adSpend}</dd>
            <span className="text-muted-foreground">Sales</span>
            <dd>{formatMoneyShort(theirs.salesCents)}</dd>
            <dd>{lastSubmission.current.sales}</dd>
          </dl>
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              className="rounded bg-primary px-2 py-1 text-primary-foreground"
              onClick={() => submit(lastSubmission.current.adSpend, lastSubmission.current.sales, theirs.version)}
            >
              Keep mine
            </button>
            <button
              type="button"
              className="rounded border border-border px-2 py-1"
              onClick={() => {
                props.onRow(theirs);
                setDismissed(fetcher.data);
              }}
            >
              Take theirs
            </button>
          </div>
        </div>
      ) : null}
      {refusal ? (
        <div role="alert" className="absolute right-0 top-full z-30 mt-1 grid w-56 gap-2 rounded-md border border-danger/40 bg-card p-2 text-left text-xs shadow-lg">
          <p className="text-danger">{`Not saved: ${refusal.issues?.[0]?.message ?? refusal.message}`}</p>
          <div className="flex gap-2">
            {canEdit ? (
              <button type="button" className="rounded bg-primary px-2 py-1 text-primary-foreground" onClick={() => props.onEdit(true)}>
                Edit again
              </button>
            ) : null}
            <button type="button" className="rounded border border-border px-2 py-1" onClick={() => setDismissed(fetcher.data)}>
              Dismiss
            </button>
          </div>
        </div>
      ) : null}
    </td>
  );
}
