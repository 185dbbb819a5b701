/**
 * The portfolio: every active POC of the org judged as of a week, filtered and sorted as the
 * page and its CSV ask (`?week=&channel=&verdict=&sort=`). One reading for both.
 */
import type { Currency } from "../../core/money";
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from "../../core/decimal";
import { type Scope, visibleClientIds } from "../../core/permissions";
import { PORTFOLIO_SORTS, type PortfolioSort } from "../../core/portfolio";
import { VERDICTS, type Verdict } from "../../core/poc";
import { requestedWeek } from "../../core/weeks";
import type { OrgHubStub } from "./orgs.server";

export function portfolioQuery(url: URL) {
  const verdict = url.searchParams.get("verdict");
  const sort = url.searchParams.get("sort");
  return {
    week: requestedWeek(url.searchParams.get("week")),
    channel: url.searchParams.get("channel") || null,
    verdict: VERDICTS.includes(verdict as Verdict) ? (verdict as Verdict) : null,
    sort: PORTFOLIO_SORTS.includes(sort as PortfolioSort) ? (sort as PortfolioSort) : "client",
  };
}

/** Graduates first: the order a Monday review reads them in. */
const VERDICT_ORDER: Record<Verdict, number> = { graduate: 0, extend: 1, stop: 2, too_early: 3 };

/** The POCs of `scope`'s clients (all of them for an org-wide role). */
export async function readPortfolio(
  hub: OrgHubStub,
  scope: Scope,
  query: ReturnType<typeof portfolioQuery>,
  format: NumberFormat = DEFAULT_NUMBER_FORMAT,
  currency?: Currency,
) {
  const clientIds = visibleClientIds(scope) ?? undefined;
  const all = (await hub.portfolio(query.week, { format, currency, clientIds })).map(
    ({ clientChannel, assessment, pacing }) => ({
      ...clientChannel,
      assessment,
      pacing,
    }),
  );
  const rows = all.filter(
    (row) =>
      (!query.channel || row.channel.slug === query.channel) &&
      (!query.verdict || row.assessment.verdict === query.verdict),
  );
  const by: Record<PortfolioSort, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    client: () => 0, // already by client, then channel
    channel: (a, b) => a.channel.name.localeCompare(b.channel.name),
    verdict: (a, b) => VERDICT_ORDER[a.assessment.verdict] - VERDICT_ORDER[b.assessment.verdict],
    roas: (a, b) => (b.assessment.roasMilli ?? -1) - (a.assessment.roasMilli ?? -1),
    spend: (a, b) => b.assessment.spendCents - a.assessment.spendCents,
  };
  const channels = [...new Map(all.map((row) => [row.channel.slug, row.channel])).values()];
  return { rows: rows.sort(by[query.sort]), channels, total: all.length };
}
