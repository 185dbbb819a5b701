import {
  type ComponentType,
  type FocusEvent,
  type KeyboardEvent,
  lazy,
  Suspense,
  useEffect,
  useRef,
  useState,
} from "react";
import { useCurrency } from "~/hooks/use-number-format";
import { EditorForm } from "./cell-editor";
import { CellPopover, ConflictChoice, RefusalNotice } from "./cell-popover";
import type { NumberFormat } from "../../../core/decimal";
import { cellKey, type RoasStatus, roasStatus } from "~/lib/grid";
import { amountInput, formatMoneyShort, parseAmount } from "../../../core/money";
import { computeRoasMilli, formatRoasTimes } from "../../../core/roas";
import type { CellSave, Save } from "~/lib/save-queue";
import { cn } from "~/lib/utils";
import type { CampaignRow, MetricRow } from "../../../core/protocol";

/** The card's code, fetched once the grid is up (so it is there offline later). */
export const loadHistoryCard = () => import("./cell-history-tip");

// The card's code is fetched once the grid is up; if even that failed (offline from the start),
// no card shows: a failed lazy import must never reach the grid's error page, which would drop
// the edits waiting to be saved.
const CellHistoryTip = lazy<ComponentType<{ id: string; href: string; cardUrl: string }>>(() =>
  loadHistoryCard().catch(() => ({ default: () => null })),
);

/** How long a pointer rests (or a finger presses) on a cell before its last changes show. */
const PEEK_MS = 600;

export const STATUS_CLASS: Record<RoasStatus, string> = {
  hit: "text-success",
  near: "text-warning",
  miss: "text-danger",
  none: "text-muted-foreground",
};

/** What the colour says, said again by a sign (WCAG 1.4.1); the words are for screen readers. */
export const STATUS_SIGN: Record<RoasStatus, string> = { hit: "✓", near: "≈", miss: "↓", none: "" };

const STATUS_LABEL: Record<RoasStatus, string> = {
  hit: "at or above target",
  near: "within 10% below target",
  miss: "more than 10% below target",
  none: "no target",
};

/**
 * How an editor opens: with the cell's values selected, with a typed first character, or with a refused save's values.
 */
export type EditStart = { typed?: string; again?: boolean };

/** The newest save of this cell that has not landed, and this cell's part of it. */
export type PendingCell = { save: Save; cell: CellSave };

type Props = {
  campaign: CampaignRow;
  week: string;
  metric: MetricRow | undefined;
  row: number;
  col: number;
  active: boolean;
  /** How the editor was opened, while this cell is being edited. */
  editing: EditStart | null;
  canEdit: boolean;
  flash: boolean;
  format: NumberFormat;
  pending: PendingCell | undefined;
  /** Teammates editing this cell right now. */
  editors: string[];
  /** Where the cell leads without JavaScript: the week's form. */
  href: string;
  /** The cell's history page (who changed it, when, old → new; restore). */
  historyHref: string;
  /** Where the card of its last changes is read (JSON). */
  historyCardUrl: string;
  onActivate: (row: number, col: number) => void;
  /** True once after an editor closed: the active cell should take the keyboard focus. */
  takeFocus: () => boolean;
  onEdit: (start: EditStart | null, move?: "right") => void;
  onSave: (cells: CellSave[]) => unknown;
  onDiscard: (key: string) => void;
  /** Show this row as the cell's value (the user took the other person's numbers). */
  onRow: (row: MetricRow) => void;
};

/** One campaign-week: spend, sales and ROAS against target; edited in place, like a spreadsheet cell. */
export function MetricCell(props: Props) {
  const { campaign, week, metric, active, editing, canEdit, flash, editors, format, pending } = props;
  const currency = useCurrency();
  const key = cellKey(campaign.id, week);
  const ref = useRef<HTMLAnchorElement>(null);
  // Whether the editor is closing on purpose (saved or cancelled): its blur must not save again.
  const closing = useRef(false);
  // The values the editor opened with and the version they were typed over: an unchanged editor
  // saves nothing, and a teammate's save meanwhile makes ours a conflict, never an overwrite.
  const opened = useRef({ adSpend: "", sales: "", version: undefined as number | undefined });
  const [popoverHidden, setPopoverHidden] = useState<string | null>(null);
  // The last changes, shown after a rest on the cell (hover, focus, long press); only for a stored week.
  const [peek, setPeek] = useState(false);
  const peekTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const peekLater = (show: boolean) => {
    clearTimeout(peekTimer.current);
    if (!show) setPeek(false);
    else if (metric) peekTimer.current = setTimeout(() => setPeek(true), PEEK_MS);
  };
  useEffect(() => () => clearTimeout(peekTimer.current), []);

  const refused = pending?.save.state === "refused" ? pending.save : null;
  const conflict = refused?.error?.code === "conflict" && refused.kind === "cell" ? refused.error : null;
  const theirs = conflict?.current as MetricRow | undefined;
  const refusal = refused && !conflict && refused.kind === "cell" ? refused.error : null;
  const showPopover = refused !== null && popoverHidden !== refused.key && (conflict !== null || refusal !== null);

  // Keyboard focus follows the active cell, and lands on it when an editor or popover closes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to active/editing only
  useEffect(() => {
    if (!active || editing || document.activeElement === ref.current) return;
    if (props.takeFocus() || ref.current?.closest("table")?.contains(document.activeElement)) ref.current?.focus();
  }, [active, editing]);

  // What the cell shows: a save on its way (as typed), or the stored row.
  const typed = pending && pending.cell.adSpend !== null && pending.cell.sales !== null ? pending.cell : null;
  const typedCents = typed && {
    adSpend: parseAmount(typed.adSpend!, format),
    sales: parseAmount(typed.sales!, format),
  };
  const shown = pending
    ? typedCents?.adSpend.ok && typedCents.sales.ok
      ? { adSpendCents: typedCents.adSpend.value, salesCents: typedCents.sales.value }
      : undefined
    : metric;
  const roas = shown
    ? metric && !pending
      ? metric.roasMilli
      : computeRoasMilli(shown.adSpendCents, shown.salesCents)
    : null;
  const status = roasStatus(roas, campaign.targetRoasMilli);
  const spend = shown ? formatMoneyShort(shown.adSpendCents, format, currency) : "";
  const sales = shown ? formatMoneyShort(shown.salesCents, format, currency) : "";
  const stateNote =
    pending?.save.state === "waiting"
      ? "not saved yet, retrying"
      : pending?.save.state === "sending"
        ? "saving"
        : refused
          ? "not saved"
          : null;

  function save(adSpend: string | null, sales: string | null, version: number | undefined) {
    if (pending?.save.state === "refused") props.onDiscard(pending.save.key); // replaced by this attempt
    props.onSave([{ campaignId: campaign.id, weekStart: week, adSpend, sales, version }]);
  }

  /** Saves what the editor holds, if it changed; both fields emptied clears the cell. */
  function commit(form: HTMLFormElement, move?: "right") {
    closing.current = true;
    const data = new FormData(form);
    const [adSpend, sales] = [String(data.get("adSpend") ?? "").trim(), String(data.get("sales") ?? "").trim()];
    const start = opened.current;
    const changed = adSpend !== start.adSpend || sales !== start.sales || refused !== null;
    if (changed && adSpend === "" && sales === "") {
      if (metric || pending) save(null, null, start.version);
    } else if (changed) save(adSpend, sales, start.version);
    props.onEdit(null, move);
  }

  /** Hides the message; the cell keeps its "unsaved" mark, and Enter edits the refused values again. */
  function closePopover() {
    if (refused) setPopoverHidden(refused.key);
    props.onActivate(props.row, props.col);
    ref.current?.focus();
  }

  function cancel() {
    closing.current = true;
    props.onEdit(null);
  }

  function onEditorKey(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      cancel();
    }
  }

  // Clicking or tabbing anywhere outside the editor saves it, as a spreadsheet does.
  function onEditorBlur(event: FocusEvent<HTMLFormElement>) {
    if (closing.current || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    commit(event.currentTarget);
  }

  if (editing) {
    const current =
      typed ??
      (metric
        ? { adSpend: amountInput(metric.adSpendCents, format), sales: amountInput(metric.salesCents, format) }
        : null);
    const startValues =
      editing.again && pending
        ? { adSpend: pending.cell.adSpend ?? "", sales: pending.cell.sales ?? "" }
        : { adSpend: current?.adSpend ?? "", sales: current?.sales ?? "" };
    return (
      <td className="relative border-b border-l border-border p-1 align-top">
        <EditorForm
          cellId={key}
          label={`${campaign.name}, week of ${week}`}
          start={startValues}
          typed={editing.typed}
          onOpen={(values) => {
            closing.current = false;
            // A save of this cell still on its way is chained before this one by the queue.
            opened.current = { ...values, version: metric?.version };
          }}
          onKeyDown={onEditorKey}
          onBlur={onEditorBlur}
          onCommit={commit}
          onCancel={cancel}
        />
      </td>
    );
  }

  return (
    // The cell (its link and the history shown under it) is what a pointer or the focus rests on.
    <td
      className={cn("metric-cell", flash && "bg-warning/25")}
      onMouseEnter={() => peekLater(true)}
      onMouseLeave={() => peekLater(false)}
      onTouchStart={() => peekLater(true)}
      onTouchMove={() => peekLater(false)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) peekLater(false);
      }}
    >
      <a
        ref={ref}
        href={props.href}
        tabIndex={active ? 0 : -1}
        data-cell={key}
        onClick={(event) => {
          // A click or tap edits in place (the link is only for pages without JavaScript).
          event.preventDefault();
          props.onActivate(props.row, props.col);
          if (canEdit) props.onEdit({ again: refused !== null && !conflict });
        }}
        onFocus={() => {
          props.onActivate(props.row, props.col);
          peekLater(true);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape" && showPopover) closePopover();
          if (event.key === "Escape" && peek) setPeek(false);
        }}
        aria-describedby={peek && !showPopover ? `${key}-history` : undefined}
        className={cn(
          "metric-cell-link",
          pending?.save.state === "sending" && "opacity-60",
          pending?.save.state === "waiting" && "italic",
          editors.length > 0 && "ring-2 ring-inset ring-primary/70",
        )}
      >
        {/* The name is what the cell shows, with the words around it for screen readers (WCAG 2.5.3). */}
        <span className="sr-only">{`${campaign.name}, week of ${week}: `}</span>
        {shown ? (
          <>
            <span className="sr-only">spend </span>
            <span className="block">{spend}</span>
            <span className="sr-only">, sales </span>
            <span className="block text-muted-foreground">{sales}</span>
            <span className="sr-only">, ROAS </span>
            <span className={cn("block text-xs font-semibold", STATUS_CLASS[status])}>
              {STATUS_SIGN[status] ? <span aria-hidden="true">{STATUS_SIGN[status]} </span> : null}
              {formatRoasTimes(roas, format)}
            </span>
            <span className="sr-only">{`, ${STATUS_LABEL[status]}`}</span>
          </>
        ) : (
          <>
            <span className="sr-only">empty</span>
            <span aria-hidden="true" className="block pt-4 text-muted-foreground/60">
              {canEdit ? "+" : "—"}
            </span>
          </>
        )}
        {stateNote ? <span className="sr-only">{` (${stateNote})`}</span> : null}
        {pending && pending.save.state !== "sending" ? (
          <span
            className="absolute bottom-0 left-0 rounded-tr bg-warning px-1 text-[10px] font-semibold text-black"
            title={pending.save.note ?? "Not saved"}
          >
            {pending.save.state === "waiting" ? "⟳ unsaved" : "! unsaved"}
          </span>
        ) : null}
        {editors.length > 0 ? (
          <span
            className={
              "absolute left-0 top-0 max-w-full truncate rounded-br bg-primary px-1 text-[10px] " +
              "text-primary-foreground"
            }
          >
            {editors.join(", ")}
          </span>
        ) : null}
      </a>
      {peek && !showPopover ? (
        <Suspense fallback={null}>
          <CellHistoryTip
            id={`${key}-history`}
            href={props.historyHref}
            cardUrl={`${props.historyCardUrl}?campaign=${campaign.id}&week=${week}`}
          />
        </Suspense>
      ) : null}
      {showPopover ? (
        <CellPopover
          onClose={closePopover}
          label={conflict ? "Conflicting edit" : "Not saved"}
          alertdialog={conflict !== null}
        >
          {conflict && theirs ? (
            <ConflictChoice
              theirs={theirs}
              yours={pending?.cell ?? null}
              format={format}
              onKeepMine={() => save(pending!.cell.adSpend, pending!.cell.sales, theirs.version)}
              onTakeTheirs={() => {
                props.onRow(theirs);
                props.onDiscard(refused.key);
              }}
            />
          ) : (
            <RefusalNotice
              message={refusal?.issues?.[0]?.message ?? refusal?.message ?? ""}
              canEdit={canEdit}
              onEditAgain={() => props.onEdit({ again: true })}
              onDiscard={() => props.onDiscard(refused.key)}
            />
          )}
        </CellPopover>
      ) : null}
    </td>
  );
}
