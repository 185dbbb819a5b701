import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/cloudflare";
import { Form, NavLink, Outlet, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { ROLE_LABELS } from "~/lib/labels";
import { clientAccessLabel } from "~/lib/client-access";
import { type RouteHandle, canInOrg, visibleClientIds } from "../../core/permissions";
import { cn } from "~/lib/utils";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import { createOrgDatabase, findOrg, orgHub } from "~/server/orgs.server";
import { useOpenAlerts } from "~/lib/open-alerts";
import { PendingElsewhere } from "~/components/pending-elsewhere";

export const handle = { access: { loader: "org.view", action: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.org.name} · Celerity` : "Celerity" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, role, scope, user } = await requireOrgAccess(request, context, params.slug);
  const openAlerts =
    org.state === "ready"
      ? await orgHub(context.cloudflare.env, org.id, org.regionHint).openAlertCount(visibleClientIds(scope))
      : 0;
  return {
    orgId: org.id,
    userId: user.id,
    openAlerts,
    org: {
      slug: org.slug,
      name: org.name,
      state: org.state,
      stateReason: org.stateReason,
      numberFormat: org.numberFormat,
      currency: org.currency,
      hasLogo: org.hasLogo,
    },
    role: scope.clients === null ? ROLE_LABELS[role] : clientAccessLabel(scope.clients),
    canSeeTeam: canInOrg(scope, "team.view"),
    canManageTeam: canInOrg(scope, "team.manage"),
    canManageTokens: canInOrg(scope, "tokens.manage"),
    canManageSettings: canInOrg(scope, "org.settings"),
    canSeeAudit: canInOrg(scope, "audit.view"),
  };
}

/** `intent=retry`: an admin retries a failed provisioning. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, scope } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const row = await findOrg(context.cloudflare.env, org.slug);
  if (row && row.state !== "ready") await createOrgDatabase(context.cloudflare.env, row);
  throw redirect(`/o/${org.slug}`);
}

export default function OrgLayout() {
  const {
    orgId,
    userId,
    openAlerts,
    org,
    role,
    canSeeTeam,
    canManageTeam,
    canManageTokens,
    canManageSettings,
    canSeeAudit,
  } = useLoaderData<typeof loader>();
  const alerts = useOpenAlerts(orgId, openAlerts).open;
  const retrying = useNavigation().state === "submitting";
  const tab = ({ isActive }: { isActive: boolean }) =>
    cn(
      "inline-flex items-end whitespace-nowrap border-b-2 px-1 pb-2 text-sm font-medium max-sm:min-h-11",
      isActive ? "border-primary text-foreground" : "border-transparent text-muted-foreground hover:text-foreground",
    );
  return (
    <main className="mx-auto max-w-6xl px-4 py-6">
      <div className="mb-4 flex flex-wrap items-center gap-2">
        {org.hasLogo ? <img src={`/o/${org.slug}/logo`} alt="" className="h-8 w-auto max-w-32 object-contain" /> : null}
        <h1 className="mr-2 text-xl font-semibold tracking-tight">{org.name}</h1>
        <Badge data-testid="org-role">{role}</Badge>
      </div>
      <nav className="mb-6 flex gap-5 overflow-x-auto border-b border-border" aria-label="Organization">
        <NavLink to="." end className={tab}>
          Dashboard
        </NavLink>
        <NavLink to="clients" className={tab}>
          Clients
        </NavLink>
        <NavLink to="portfolio" className={tab}>
          Portfolio
        </NavLink>
        <NavLink to="alerts" className={tab}>
          Alerts
          {alerts > 0 ? (
            <span
              data-testid="open-alerts"
              className="ml-1.5 rounded-full bg-primary px-1.5 py-0.5 text-xs font-semibold text-primary-foreground"
            >
              {alerts}
              <span className="sr-only"> open</span>
            </span>
          ) : null}
        </NavLink>
        {canSeeTeam ? (
          <NavLink to="team" className={tab}>
            Team
          </NavLink>
        ) : null}
        {canManageTokens ? (
          <NavLink to="settings/api-tokens" className={tab}>
            API tokens
          </NavLink>
        ) : null}
        {canSeeAudit ? (
          <NavLink to="audit" className={tab}>
            Audit log
          </NavLink>
        ) : null}
        {canManageSettings ? (
          <NavLink to="settings" end className={tab}>
            Settings
          </NavLink>
        ) : null}
      </nav>
      <PendingElsewhere userId={userId} orgId={orgId} slug={org.slug} />
      {org.state === "ready" ? (
        <Outlet />
      ) : (
        <Card className="grid gap-3" role="status">
          <h2 className="font-semibold">
            {org.state === "failed" ? "Setting up this organization failed" : "This organization is being set up"}
          </h2>
          <p className="text-sm text-muted-foreground">
            {org.state === "failed"
              ? `Reason: ${org.stateReason ?? "unknown"}.`
              : "Its database is being created. This takes a moment."}
          </p>
          {canManageTeam ? (
            <Form method="post">
              <Button type="submit" disabled={retrying}>
                {retrying ? "Retrying…" : "Retry now"}
              </Button>
            </Form>
          ) : null}
        </Card>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
