/**
 * The last changes of a cell, shown while it is hovered, focused or long-pressed: who, when,
 * old → new, and a link to the whole history (where an editor restores an earlier value). The
 * cell's link is described by it (aria-describedby); a card, not a tooltip, as it holds a link.
 * Loaded only when first shown, so it costs the grid's first load nothing.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useNumberFormat } from "~/hooks/use-number-format";
import { timeAgo } from "~/lib/time-ago";
import type { loader } from "~/routes/o.$slug.clients.$clientId.history.$campaignId.$week";
import { formatMoneyShort } from "../../../core/money";

export default function CellHistoryTip({ id, href }: { id: string; href: string }) {
  const fetcher = useFetcher<typeof loader>();
  const format = useNumberFormat();
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per cell shown
  useEffect(() => {
    if (fetcher.state === "idle" && !fetcher.data) fetcher.load(href);
  }, [href]);
  const changes = fetcher.data?.changes ?? [];
  const money = (cents: number | null) => (cents === null ? "empty" : formatMoneyShort(cents, format));
  return (
    <div
      id={id}
      data-testid="cell-history"
      className={
        "absolute right-0 top-full z-20 mt-1 grid w-72 gap-1 rounded-md border border-border bg-card p-3 " +
        "text-left text-xs shadow-lg"
      }
    >
      {fetcher.data ? null : <p className="text-muted-foreground">Loading the history…</p>}
      {fetcher.data && changes.length === 0 ? <p className="text-muted-foreground">No changes yet.</p> : null}
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
        {changes.length > 3 ? `All ${changes.length} changes` : "Open the history"}
      </a>
    </div>
  );
}
