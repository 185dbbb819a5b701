import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { csvResponse } from "~/server/csv-response.server";
import { portfolioCsv } from "../../core/csv";
import type { RouteHandle } from "../../core/permissions";
import { portfolioQuery, readPortfolio } from "~/server/portfolio.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

/** `/o/<slug>/portfolio.csv?week=&channel=&verdict=&sort=`: the portfolio page's rows as CSV. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  const query = portfolioQuery(new URL(request.url));
  const { rows } = await readPortfolio(hub, scope, query);
  const csv = portfolioCsv(
    rows.map(({ clientName, channel, assessment: a, pacing }) => ({
      client: clientName,
      channel: channel.name,
      verdict: a.verdict,
      weeks: a.weeks,
      spendCents: a.spendCents,
      salesCents: a.salesCents,
      roasMilli: a.roasMilli,
      targetRoasMilli: a.targetRoasMilli,
      lowMilli: a.lowMilli,
      highMilli: a.highMilli,
      pacing: pacing.week.band ?? "",
      reason: a.reason,
    })),
  );
  return csvResponse(csv, `${org.slug}-portfolio-${query.week}.csv`);
}
