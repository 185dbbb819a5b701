/**
 * The last changes of a cell, shown while it is hovered, focused or long-pressed: who, when,
 * old → new, and a link to the whole history (where an editor restores an earlier value). The
 * cell's link is described by it (aria-describedby); a card, not a tooltip, as it holds a link.
 * Loaded only when first shown, so it costs the grid's first load nothing; fetched as plain JSON,
 * so a failure (offline) is said here and never replaces the grid (ADR 019).
 */
import { useEffect, useState } from "react";
import { useCurrency, useNumberFormat } from "~/hooks/use-number-format";
import { timeAgo } from "~/lib/time-ago";
import type { HistoryCard } from "~/routes/o.$slug.clients.$clientId.history-card";
import { formatMoneyShort } from "../../../core/money";

export default function CellHistoryTip({ id, href, cardUrl }: { id: string; href: string; cardUrl: string }) {
  const [card, setCard] = useState<HistoryCard | "failed" | null>(null);
  const format = useNumberFormat();
  const currency = useCurrency();
  useEffect(() => {
    let current = true;
    fetch(cardUrl, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? (response.json() as Promise<HistoryCard>) : Promise.reject()))
      .then((loaded) => current && setCard(loaded))
      .catch(() => current && setCard("failed"));
    return () => {
      current = false;
    };
  }, [cardUrl]);
  const changes = card && card !== "failed" ? card.changes : [];
  const money = (cents: number | null) => (cents === null ? "empty" : formatMoneyShort(cents, format, currency));
  return (
    <div
      id={id}
      data-testid="cell-history"
      className={
        "absolute right-0 top-full z-20 mt-1 grid w-72 gap-1 rounded-md border border-border bg-card p-3 " +
        "text-left text-xs shadow-lg"
      }
    >
      {card === null ? <p className="text-muted-foreground">Loading the history…</p> : null}
      {card === "failed" ? (
        <p className="text-muted-foreground">The history cannot be loaded now (offline?). Try again later.</p>
      ) : null}
      {card !== null && card !== "failed" && changes.length === 0 ? (
        <p className="text-muted-foreground">No changes yet.</p>
      ) : null}
      {changes.slice(0, 3).map((change, index) => {
        const before = changes[index + 1];
        return (
          <p key={change.id}>
            <span className="font-medium">{change.actorLabel ?? "Someone"}</span>, {timeAgo(change.at)}:{" "}
            {before ? `${money(before.adSpendCents)} → ` : ""}
            {money(change.adSpendCents)} spend, {before ? `${money(before.salesCents)} → ` : ""}
            {money(change.salesCents)} sales
          </p>
        );
      })}
      <a href={href} className="font-medium text-primary underline-offset-4 hover:underline">
        {card !== null && card !== "failed" && card.count > 3 ? `All ${card.count} changes` : "Open the history"}
      </a>
    </div>
  );
}
