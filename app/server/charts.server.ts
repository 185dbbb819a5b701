/**
 * The weekly series a client's charts draw (ROAS vs target, spend vs budget) for the client, one
 * of its campaign groups or one campaign, from the client grid's rows. A target is the
 * spend-weighted target of the campaigns in scope over the range (ADR 003's rounding); a budget
 * is the sum of the weekly budgets in scope (campaigns have none of their own).
 */
import type { AnnotationRow, CampaignGroupRow, CampaignRow, MetricRow } from "../../core/protocol";
import { computeRoasMilli } from "../../core/roas";

type Rows = {
  client: { id: string; name: string };
  groups: CampaignGroupRow[];
  campaigns: CampaignRow[];
  metrics: MetricRow[];
  annotations: AnnotationRow[];
};

export type ChartScope = { kind: "client" } | { kind: "group"; id: string } | { kind: "campaign"; id: string };

/** `?of=group:<id>` / `campaign:<id>`; anything else is the whole client. */
export function chartScope(value: string | null): ChartScope {
  const [kind, id] = (value ?? "").split(":");
  return (kind === "group" || kind === "campaign") && id ? { kind, id } : { kind: "client" };
}

export function chartSeries(rows: Rows, weeks: string[], scope: ChartScope) {
  const groups =
    scope.kind === "group"
      ? rows.groups.filter((g) => g.id === scope.id)
      : scope.kind === "campaign"
        ? rows.groups.filter((g) => rows.campaigns.some((c) => c.id === scope.id && c.campaignGroupId === g.id))
        : rows.groups;
  const campaigns = rows.campaigns.filter((c) =>
    scope.kind === "campaign" ? c.id === scope.id : groups.some((g) => g.id === c.campaignGroupId),
  );
  if ((scope.kind !== "client" && groups.length === 0) || (scope.kind === "campaign" && campaigns.length === 0)) {
    return null;
  }
  const inScope = new Set(campaigns.map((c) => c.id));
  const targetOf = new Map(campaigns.map((c) => [c.id, c.targetRoasMilli]));
  let weighted = 0n;
  let targetSpend = 0n;
  const byWeek = new Map<string, { spendCents: number; salesCents: number }>();
  for (const m of rows.metrics) {
    if (!inScope.has(m.campaignId)) continue;
    const week = byWeek.get(m.weekStart) ?? { spendCents: 0, salesCents: 0 };
    week.spendCents += m.adSpendCents;
    week.salesCents += m.salesCents;
    byWeek.set(m.weekStart, week);
    const target = targetOf.get(m.campaignId);
    if (target != null && m.adSpendCents > 0) {
      weighted += BigInt(target) * BigInt(m.adSpendCents);
      targetSpend += BigInt(m.adSpendCents);
    }
  }
  const budgets = (scope.kind === "campaign" ? [] : groups.filter((g) => !g.archived)).map((g) => g.weeklyBudgetCents);
  // Notes on the client, its channels (POCs) in scope, the groups and the campaigns.
  const noted = new Set<string>([rows.client.id, ...groups.flatMap((g) => [g.id, g.clientChannelId]), ...inScope]);
  return {
    title: scope.kind === "client" ? rows.client.name : scope.kind === "group" ? groups[0]!.name : campaigns[0]!.name,
    weeks: weeks.map((week) => {
      const numbers = byWeek.get(week);
      return {
        week,
        roasMilli: numbers ? computeRoasMilli(numbers.spendCents, numbers.salesCents) : null,
        spendCents: numbers?.spendCents ?? null,
      };
    }),
    // Summed as BigInt: the weighted sum can pass JavaScript's exact integers.
    targetMilli:
      targetSpend > 0n
        ? Number((weighted + targetSpend / 2n) / targetSpend)
        : scope.kind === "campaign"
          ? (campaigns[0]!.targetRoasMilli ?? null)
          : null,
    budgetCents: budgets.some((b) => b !== null) ? budgets.reduce<number>((sum, b) => sum + (b ?? 0), 0) : null,
    notes: rows.annotations
      .filter((note) => noted.has(note.entityId))
      .map((note) => ({ id: note.id, version: note.version, week: note.weekStart, text: note.text })),
    /** What a note added here is about: the scope shown. */
    noteTarget:
      scope.kind === "client"
        ? { entity: "client" as const, entityId: rows.client.id }
        : scope.kind === "group"
          ? { entity: "campaignGroup" as const, entityId: scope.id }
          : { entity: "campaign" as const, entityId: scope.id },
  };
}
