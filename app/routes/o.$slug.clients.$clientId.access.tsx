import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { BackLink } from "~/components/back-link";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { List, ListItem } from "~/components/ui/list";
import { Select } from "~/components/ui/select";
import { ROLE_LABELS } from "~/lib/labels";
import { CLIENT_GRANT_LABELS } from "~/lib/client-access";
import { fieldErrors, portalInviteSchema } from "../../core/control-forms";
import { CLIENT_ROLES, type ClientGrants, type ClientRole, type RouteHandle } from "../../core/permissions";
import { notFound } from "~/server/auth.server";
import { userActor } from "~/server/audit.server";
import { readForm } from "~/server/form.server";
import { changeAccess, inviteMember, listTeam } from "~/server/team.server";
import { requireClientAccess, requireClientHub } from "~/server/tracker.server";

export const handle = { access: { loader: "team.manage", action: "team.manage" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Access · ${data.client.name} · Celerity` : "Access · Celerity" },
];

/** Who sees this client: everyone with an org-wide role, and the members limited to it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const clientId = params.clientId ?? "";
  const [client, team] = await Promise.all([hub.client(clientId), listTeam(context.cloudflare.env, org.id)]);
  if (!client) throw notFound();
  const label = (m: { name: string | null; email: string }) => m.name ?? m.email;
  return {
    client,
    orgWide: team.members.filter((m) => m.clients === null).map((m) => ({ ...m, label: label(m) })),
    limited: team.members
      .filter((m) => m.clients !== null)
      .map((m) => ({ userId: m.userId, label: label(m), email: m.email, role: m.clients?.[clientId] ?? "" })),
    invited: team.invitations.filter((i) => i.clients && clientId in i.clients).map((i) => i.email),
  };
}

type Result = { ok: boolean; intent: string; errors: Record<string, string>; notice?: string };

/** `intent=grant` sets a limited member's role on this client; `intent=portal` invites a brand's person. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, user, hub } = await requireClientHub(request, context, params, handle.access.action);
  const env = context.cloudflare.env;
  const clientId = params.clientId ?? "";
  const by = userActor(request, user);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "portal") {
    const parsed = portalInviteSchema.safeParse(form);
    if (!parsed.success)
      return data<Result>({ ok: false, intent: "portal", errors: fieldErrors(parsed.error) }, { status: 422 });
    const client = await hub.client(clientId);
    const result = await inviteMember(
      env,
      org,
      {
        email: parsed.data.email,
        role: "viewer",
        clients: { [clientId]: "viewer" },
        clientNames: [client?.name ?? ""],
        invitedBy: user.id,
      },
      by,
    );
    if (!result.ok)
      return data<Result>(
        { ok: false, intent: "portal", errors: { [result.field ?? "form"]: result.message } },
        { status: result.status },
      );
    return data<Result>({ ok: true, intent: "portal", errors: {}, notice: `Invitation sent to ${parsed.data.email}` });
  }
  const team = await listTeam(env, org.id);
  const member = team.members.find((m) => m.userId === form.userId && m.clients !== null);
  const role = String(form.role ?? "");
  if (!member || !(role === "" || CLIENT_ROLES.includes(role as ClientRole)))
    return data<Result>(
      { ok: false, intent: "grant", errors: { form: "Choose a member limited to clients, and a role" } },
      { status: 422 },
    );
  const { [clientId]: _current, ...others } = member.clients as ClientGrants;
  const clients: ClientGrants = role === "" ? others : { ...others, [clientId]: role as ClientRole };
  if (Object.keys(clients).length === 0)
    return data<Result>(
      {
        ok: false,
        intent: "grant",
        errors: { form: "This is their only client: give them another first, or remove them from the team" },
      },
      { status: 409 },
    );
  const result = await changeAccess(env, org, member.userId, { role: "viewer", clients }, by);
  if (!result.ok)
    return data<Result>({ ok: false, intent: "grant", errors: { form: result.message } }, { status: result.status });
  return data<Result>({ ok: true, intent: "grant", errors: {}, notice: "Access saved; it applies at once" });
}

/** A client's page of access, for admins: who sees it, and the brand's own people (the client portal). */
export default function ClientAccess() {
  const { client, orgWide, limited, invited } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <section className="grid max-w-3xl gap-6" aria-labelledby="access-heading">
      <BackLink to="..">{client.name}</BackLink>
      <h2 id="access-heading" className="text-lg font-semibold">
        Who sees {client.name}
      </h2>
      {result?.notice ? (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          {result.notice}
        </p>
      ) : null}
      {result?.intent === "grant" ? <FormError message={errors.form} /> : null}

      <div className="grid gap-2">
        <h3 className="font-medium">Members limited to chosen clients</h3>
        {limited.length === 0 ? (
          <Card className="text-sm text-muted-foreground">
            Nobody is limited to chosen clients. Limit a member from their page in Team.
          </Card>
        ) : (
          <List>
            {limited.map((member) => (
              <ListItem key={member.userId}>
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{member.label}</p>
                  <p className="truncate text-sm text-muted-foreground">{member.email}</p>
                </div>
                <Form method="post" className="flex items-center gap-2">
                  <input type="hidden" name="intent" value="grant" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <label className="sr-only" htmlFor={`grant-${member.userId}`}>
                    Role of {member.email} on {client.name}
                  </label>
                  <Select id={`grant-${member.userId}`} name="role" defaultValue={member.role} className="h-9 w-44">
                    {(["", ...CLIENT_ROLES] as const).map((r) => (
                      <option key={r} value={r}>
                        {CLIENT_GRANT_LABELS[r]}
                      </option>
                    ))}
                  </Select>
                  <Button type="submit" size="sm" variant="outline" disabled={busy}>
                    Save
                  </Button>
                </Form>
              </ListItem>
            ))}
          </List>
        )}
      </div>

      <div className="grid gap-2">
        <h3 className="font-medium">Everyone with an organization-wide role</h3>
        <List>
          {orgWide.map((member) => (
            <ListItem key={member.userId}>
              <p className="min-w-0 flex-1 truncate">{member.label}</p>
              <Badge>{ROLE_LABELS[member.role]}</Badge>
            </ListItem>
          ))}
        </List>
      </div>

      <Card className="grid gap-3">
        <h3 className="font-medium">Invite someone from {client.name}</h3>
        <p className="text-sm text-muted-foreground">
          They sign in with a link sent by email and see {client.name} alone — its dashboard, grid, charts and verdicts,
          read-only — under your agency's name and logo.
        </p>
        {invited.length > 0 ? <p className="text-sm">Invited and not yet joined: {invited.join(", ")}</p> : null}
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="portal" />
          <Field label="Email" error={result?.intent === "portal" ? errors.email : undefined}>
            <Input type="email" name="email" required autoComplete="off" className="w-72" />
          </Field>
          <Button type="submit" disabled={busy}>
            Send invitation
          </Button>
        </Form>
        {result?.intent === "portal" ? <FormError message={errors.form} /> : null}
      </Card>
    </section>
  );
}
