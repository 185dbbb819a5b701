import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useParams } from "@remix-run/react";
import { MetricsGrid } from "~/components/grid/metrics-grid";
import { SaveStatus } from "~/components/grid/save-status";
import { LiveStatus } from "~/components/live-status";
import { Button } from "~/components/ui/button";
import { Select } from "~/components/ui/select";
import { useNumberFormat } from "~/hooks/use-number-format";
import { useLiveGrid } from "~/hooks/use-live-grid";
import { formatWeek } from "~/lib/format";
import type { GridData } from "~/lib/grid";
import { type RouteHandle, canInOrg, canOnClient } from "../../core/permissions";
import { requestedWeek, shiftWeek, weeksEnding } from "../../core/weeks";
import { notFound } from "~/server/auth.server";
import { requireClientAccess } from "~/server/tracker.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

export const WEEK_SPANS = [4, 8, 12, 26, 52] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.grid.client.name} · Celerity` : "Celerity" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, user, hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const url = new URL(request.url);
  const requested = Number(url.searchParams.get("weeks"));
  const span = WEEK_SPANS.find((n) => n === requested) ?? 8;
  const until = requestedWeek(url.searchParams.get("until"));
  const weeks = weeksEnding(until, span);
  const grid = await hub.clientGrid(params.clientId ?? "", weeks[0]!, until);
  if (!grid) throw notFound();
  const { seq, ...rest } = grid;
  return {
    grid: rest as GridData,
    seq,
    weeks,
    span,
    until,
    orgId: org.id,
    me: user.id,
    canEdit: canOnClient(scope, grid.client.id, "tracker.edit") === "yes",
    canManageAccess: canInOrg(scope, "team.manage"),
  };
}

/** One page per client: its saves, socket and cells never carry over to another client's grid. */
export default function ClientGridPage() {
  const { grid } = useLoaderData<typeof loader>();
  return <ClientGrid key={grid.client.id} />;
}

function ClientGrid() {
  const loaded = useLoaderData<typeof loader>();
  const { weeks, span, until, orgId, me, canEdit, canManageAccess, seq } = loaded;
  const format = useNumberFormat();
  const { slug } = useParams();
  const base = `/o/${slug}/clients/${loaded.grid.client.id}`;
  const { grid, flashes, socket, saves, pending, onRow } = useLiveGrid({
    loaded: loaded.grid,
    seq,
    orgId,
    me,
    format,
    saveUrl: `${base}/cells`,
  });
  const weekHref = (week: string) => `${base}/week/${week}`;
  const historyHref = (campaignId: string, week: string) => `${base}/history/${campaignId}/${week}`;

  return (
    <section className="grid gap-4" aria-labelledby="client-heading">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id="client-heading" className="text-lg font-semibold">
          {grid.client.name}
        </h2>
        <LiveStatus status={socket.status} />
        {socket.viewers.length > 0 ? (
          <span className="text-xs text-muted-foreground" data-testid="viewers">
            Also here:{" "}
            {[...new Set(socket.viewers.map((v) => (v.userId === me ? "you, in another tab" : v.label)))].join(", ")}
          </span>
        ) : null}
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <Button asChild variant="ghost" size="sm">
            <a href={`/o/${slug}/export.csv?client=${grid.client.id}&from=${weeks[0]}&to=${until}`} download>
              Export CSV
            </a>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link to={`${base}/charts?until=${until}`}>Charts</Link>
          </Button>
          {canEdit ? (
            <Button asChild variant="ghost" size="sm">
              <Link to={`${base}/import`}>Import CSV</Link>
            </Button>
          ) : null}
          {canEdit ? (
            <Button asChild variant="outline" size="sm">
              <Link to={`${base}/setup`}>Channels & campaigns</Link>
            </Button>
          ) : null}
          {canManageAccess ? (
            <Button asChild variant="ghost" size="sm">
              <Link to={`${base}/access`}>Access</Link>
            </Button>
          ) : null}
        </div>
      </div>
      <Form method="get" className="flex flex-wrap items-center gap-2 text-sm">
        <Button asChild variant="ghost" size="sm">
          <Link to={`?weeks=${span}&until=${shiftWeek(until, -span)}`} aria-label="Earlier weeks">
            ← Earlier
          </Link>
        </Button>
        <label htmlFor="weeks" className="text-muted-foreground">
          Show
        </label>
        <Select
          id="weeks"
          name="weeks"
          defaultValue={String(span)}
          className="h-9 w-36"
          onChange={(e) => e.currentTarget.form?.requestSubmit()}
        >
          {WEEK_SPANS.map((n) => (
            <option key={n} value={n}>
              {n} weeks
            </option>
          ))}
        </Select>
        <input type="hidden" name="until" value={until} />
        <span className="text-muted-foreground">
          {formatWeek(weeks[0]!)} – {formatWeek(until)}
        </span>
        <noscript>
          <Button type="submit" size="sm" variant="outline">
            Show
          </Button>
        </noscript>
        <Button asChild variant="ghost" size="sm">
          <Link to={`?weeks=${span}&until=${shiftWeek(until, span)}`} aria-label="Later weeks">
            Later →
          </Link>
        </Button>
      </Form>
      <SaveStatus saves={saves.saves} onRetry={saves.retryNow} onDiscard={saves.discard} />
      <MetricsGrid
        grid={grid}
        weeks={weeks}
        canEdit={canEdit}
        flashes={flashes}
        viewers={socket.viewers}
        format={format}
        pending={pending}
        weekHref={weekHref}
        historyHref={historyHref}
        historyCardUrl={`${base}/history-card`}
        onSave={saves.add}
        onDiscard={saves.discard}
        onRow={onRow}
        onEditingCell={socket.setEditingCell}
      />
    </section>
  );
}
