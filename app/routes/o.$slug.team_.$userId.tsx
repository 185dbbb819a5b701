import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { BackLink } from "~/components/back-link";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { FormError } from "~/components/ui/field";
import { Select } from "~/components/ui/select";
import { ROLE_LABELS } from "~/lib/labels";
import { CLIENT_GRANT_LABELS } from "~/lib/client-access";
import { accessFromForm, CLIENT_FIELD } from "../../core/control-forms";
import { CLIENT_ROLES, ORG_ROLES, type RouteHandle } from "../../core/permissions";
import { notFound, requirePermission } from "~/server/auth.server";
import { userActor } from "~/server/audit.server";
import { readForm } from "~/server/form.server";
import { changeAccess, getMember } from "~/server/team.server";
import { requireOrgHub } from "~/server/tracker.server";

export const handle = { access: { loader: "team.manage", action: "team.manage" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.member.name ?? data.member.email} · Team · Celerity` : "Team · Celerity" },
];

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const access = await requireOrgHub(request, context, params.slug);
  requirePermission(access.scope, handle.access.loader);
  const member = await getMember(context.cloudflare.env, access.org.id, params.userId ?? "");
  if (!member) throw notFound();
  return { ...access, member };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { member, hub, user } = await load(request, context, params);
  const clients = await hub.listClients();
  return { member, me: user.id, clients: clients.map(({ id, name, isActive }) => ({ id, name, isActive })) };
}

/** Sets the member's access: every client at an org role, or chosen clients with a role on each. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, user, hub, member } = await load(request, context, params);
  const form = Object.fromEntries(await readForm(request));
  const known = new Set((await hub.listClients()).map((c) => c.id));
  const parsed = accessFromForm(form, known);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors }, { status: 422 });
  const result = await changeAccess(context.cloudflare.env, org, member.userId, parsed.scope, userActor(request, user));
  if (!result.ok) return data({ ok: false as const, errors: { form: result.message } }, { status: result.status });
  return { ok: true as const, errors: {} as Record<string, string> };
}

/** A member's page, for admins: what they may see and do, org-wide or client by client. */
export default function Member() {
  const { member, clients, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const [limited, setLimited] = useState(member.clients !== null);
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="member-heading">
      <BackLink to="..">Team</BackLink>
      <div>
        <h2 id="member-heading" className="text-lg font-semibold">
          {member.name ?? member.email}{" "}
          {member.userId === me ? <span className="text-muted-foreground">(you)</span> : null}
        </h2>
        <p className="text-sm text-muted-foreground">{member.email}</p>
      </div>
      {result?.ok ? (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          Access saved. It applies at once, on pages they have open too.
        </p>
      ) : null}
      <FormError message={errors.form} />
      <Card>
        <Form method="post" className="grid gap-4">
          <fieldset className="grid gap-3">
            <legend className="mb-2 font-medium">Access</legend>
            <label className="flex flex-wrap items-center gap-2">
              <input
                type="radio"
                name="access"
                value="org"
                defaultChecked={member.clients === null}
                onChange={() => setLimited(false)}
                className="size-5"
              />
              <span>Every client, as</span>
              <Select
                name="role"
                aria-label="Role on every client"
                defaultValue={member.clients === null ? member.role : "viewer"}
                className="h-9 w-48"
                aria-invalid={errors.role ? true : undefined}
              >
                {ORG_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </Select>
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="access"
                value="clients"
                defaultChecked={member.clients !== null}
                onChange={() => setLimited(true)}
                className="size-5"
              />
              <span>Only the clients chosen below (nothing else of the organization: no team, tokens or settings)</span>
            </label>
            <FormError message={errors.role} />
          </fieldset>
          <fieldset className="grid gap-2" aria-describedby={errors.clients ? "clients-error" : undefined}>
            <legend className="mb-2 font-medium">Clients</legend>
            {limited ? null : (
              <p className="text-sm text-muted-foreground">Used when “Only the clients chosen below” is selected.</p>
            )}
            {clients.length === 0 ? (
              <p className="text-sm text-muted-foreground">This organization has no clients yet.</p>
            ) : null}
            <ul className="grid gap-2">
              {clients.map((client) => (
                <li key={client.id} className="flex flex-wrap items-center justify-between gap-2">
                  <label htmlFor={`grant-${client.id}`} className="min-w-0 flex-1 truncate">
                    {client.name}
                    {client.isActive ? null : <span className="text-muted-foreground"> (inactive)</span>}
                  </label>
                  <Select
                    id={`grant-${client.id}`}
                    name={`${CLIENT_FIELD}${client.id}`}
                    defaultValue={member.clients?.[client.id] ?? ""}
                    className="h-9 w-48"
                  >
                    {(["", ...CLIENT_ROLES] as const).map((r) => (
                      <option key={r} value={r}>
                        {CLIENT_GRANT_LABELS[r]}
                      </option>
                    ))}
                  </Select>
                </li>
              ))}
            </ul>
            {errors.clients ? (
              <p id="clients-error" role="alert" className="text-sm text-danger">
                {errors.clients}
              </p>
            ) : null}
          </fieldset>
          <div>
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save access"}
            </Button>
          </div>
        </Form>
      </Card>
    </section>
  );
}
