import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ActionButton } from "~/components/action-button";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { List, ListItem } from "~/components/ui/list";
import { ROLE_LABELS } from "~/lib/labels";
import { clientAccessLabel } from "~/lib/client-access";
import { timeAgo } from "~/lib/time-ago";
import { type RouteHandle, canInOrg, ORG_ROLES } from "../../core/permissions";
import { fieldErrors, inviteSchema, orgRole } from "../../core/control-forms";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import { userActor } from "~/server/audit.server";
import {
  changeAccess,
  inviteMember,
  listTeam,
  removeMember,
  resendInvitation,
  revokeInvitation,
  type TeamResult,
} from "~/server/team.server";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "team.view", action: "team.manage" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Team · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, user } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  const team = await listTeam(context.cloudflare.env, org.id);
  return { ...team, me: user.id, canManage: canInOrg(scope, "team.manage") };
}

const intentSchema = z.discriminatedUnion("intent", [
  inviteSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("resend"), invitationId: z.string().min(1) }),
  z.object({ intent: z.literal("revoke"), invitationId: z.string().min(1) }),
  z.object({ intent: z.literal("role"), userId: z.string().min(1), role: orgRole }),
  z.object({ intent: z.literal("remove"), userId: z.string().min(1) }),
]);

type ActionResult = { ok: boolean; intent: string; errors: Record<string, string>; notice?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, scope, user } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const by = userActor(request, user);
  const parsed = intentSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data<ActionResult>({ ok: false, intent: "invite", errors: fieldErrors(parsed.error) }, { status: 422 });
  }
  const env = context.cloudflare.env;
  const input = parsed.data;
  let result: TeamResult;
  let notice: string;
  switch (input.intent) {
    case "invite":
      result = await inviteMember(
        env,
        org,
        { email: input.email, role: input.role, clients: null, invitedBy: user.id },
        by,
      );
      notice = `Invitation sent to ${input.email}`;
      break;
    case "resend":
      result = await resendInvitation(env, org, input.invitationId, by);
      notice = "Invitation sent again";
      break;
    case "revoke":
      result = await revokeInvitation(env, org.id, input.invitationId, by);
      notice = "Invitation revoked";
      break;
    case "role":
      result = await changeAccess(env, org, input.userId, { role: input.role, clients: null }, by);
      notice = `Role changed to ${ROLE_LABELS[input.role]}`;
      break;
    case "remove":
      result = await removeMember(env, org, input.userId, by);
      notice = "Member removed";
      break;
  }
  if (!result.ok) {
    return data<ActionResult>(
      { ok: false, intent: input.intent, errors: { [result.field ?? "form"]: result.message } },
      { status: result.status },
    );
  }
  return data<ActionResult>({ ok: true, intent: input.intent, errors: {}, notice });
}

export default function Team() {
  const { members, invitations, me, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const inviting = navigation.formData?.get("intent") === "invite";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const inviteErrors = result?.intent === "invite" ? errors : {};

  return (
    <div className="grid gap-8">
      {result?.notice ? (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          {result.notice}
        </p>
      ) : null}
      {result && result.intent !== "invite" ? <FormError message={errors.form} /> : null}

      <section className="grid gap-3" aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members <span className="text-muted-foreground">({members.length})</span>
        </h2>
        <List>
          {members.map((member) => (
            <ListItem key={member.userId}>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">
                  {member.name ?? member.email}{" "}
                  {member.userId === me ? <span className="text-muted-foreground">(you)</span> : null}
                </p>
                <p className="truncate text-sm text-muted-foreground">{member.email}</p>
              </div>
              {member.clients ? <Badge>Limited to {clientAccessLabel(member.clients)}</Badge> : null}
              {canManage ? (
                <div className="flex flex-wrap items-center gap-2">
                  <Link
                    to={member.userId}
                    className="text-sm font-medium text-primary underline-offset-4 hover:underline"
                    aria-label={`Client access of ${member.email}`}
                  >
                    Client access
                  </Link>
                  <Form method="post" className="flex items-center gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={member.userId} />
                    <label className="sr-only" htmlFor={`role-${member.userId}`}>
                      Role of {member.email}
                    </label>
                    <Select id={`role-${member.userId}`} name="role" defaultValue={member.role} className="h-9 w-48">
                      {ORG_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </Select>
                    <Button type="submit" size="sm" variant="outline">
                      Save role
                    </Button>
                  </Form>
                  <ActionButton
                    fields={{ intent: "remove", userId: member.userId }}
                    variant="ghost"
                    className="text-danger"
                    aria-label={`Remove ${member.email}`}
                  >
                    Remove
                  </ActionButton>
                </div>
              ) : member.clients ? null : (
                <Badge>{ROLE_LABELS[member.role]}</Badge>
              )}
            </ListItem>
          ))}
        </List>
      </section>

      {invitations.length > 0 ? (
        <section className="grid gap-3" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Pending invitations
          </h2>
          <List>
            {invitations.map((invitation) => (
              <ListItem key={invitation.id}>
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{invitation.email}</p>
                  <p className="text-sm text-muted-foreground">
                    {invitation.clients
                      ? `Sees ${clientAccessLabel(invitation.clients)}`
                      : ROLE_LABELS[invitation.role]}{" "}
                    ·{" "}
                    {invitation.declinedAt
                      ? "declined — resend to ask again"
                      : invitation.expired
                        ? "expired"
                        : `expires ${timeAgo(invitation.expiresAt)}`}
                  </p>
                </div>
                {canManage ? (
                  <div className="flex gap-2">
                    <ActionButton fields={{ intent: "resend", invitationId: invitation.id }} variant="outline">
                      Resend
                    </ActionButton>
                    <ActionButton
                      fields={{ intent: "revoke", invitationId: invitation.id }}
                      variant="ghost"
                      className="text-danger"
                    >
                      Revoke
                    </ActionButton>
                  </div>
                ) : null}
              </ListItem>
            ))}
          </List>
        </section>
      ) : null}

      {canManage ? (
        <Card>
          <Form method="post" className="grid gap-4">
            <input type="hidden" name="intent" value="invite" />
            <h2 className="text-lg font-semibold">Invite a teammate</h2>
            <FormError message={inviteErrors.form} />
            <div className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
              <Field label="Email" error={inviteErrors.email}>
                <Input name="email" type="email" required autoComplete="off" placeholder="teammate@agency.com" />
              </Field>
              <Field label="Role" error={inviteErrors.role}>
                <Select name="role" defaultValue="account_manager">
                  {ORG_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABELS[r]}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" className="sm:mt-7" disabled={inviting}>
                {inviting ? "Sending…" : "Send invitation"}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
