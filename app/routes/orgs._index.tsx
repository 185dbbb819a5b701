import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { userActor } from "~/server/audit.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { NumberFormatField } from "~/components/number-format-field";
import { numberFormatForAcceptLanguage } from "../../core/decimal";
import { ROLE_LABELS } from "~/lib/labels";
import { createOrgSchema, fieldErrors, slugify } from "../../core/control-forms";
import { requireUser } from "~/server/auth.server";
import { createOrgForUser } from "~/server/orgs.server";
import { answerInvitation, listOpenInvitations } from "~/server/team.server";
import { ActionButton } from "~/components/action-button";
import { z } from "zod";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "signed_in", action: "signed_in" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Organizations · Celerity" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return {
    memberships: await context.auth.memberships(),
    // Asked, never accepted on the user's behalf: joining an org is the invitee's decision.
    invitations: await listOpenInvitations(context.cloudflare.env, user.email),
    // The browser's locale suggests how the new org's people write numbers.
    numberFormat: numberFormatForAcceptLanguage(request.headers.get("Accept-Language")),
  };
}

const answerSchema = z.object({ intent: z.enum(["accept", "decline"]), invitationId: z.string().min(1).max(64) });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "accept" || form.intent === "decline") {
    const answer = answerSchema.safeParse(form);
    if (!answer.success)
      return data(
        { errors: { invitation: "Choose an invitation to answer" } as Record<string, string> },
        { status: 422 },
      );
    const accept = answer.data.intent === "accept";
    const by = userActor(request, user);
    const result = await answerInvitation(context.cloudflare.env, user, answer.data.invitationId, accept, by);
    if (!result.ok) return data({ errors: { invitation: result.message } as Record<string, string> }, { status: 409 });
    throw redirect(result.landing);
  }
  const parsed = createOrgSchema.safeParse({ ...form, slug: form.slug || slugify(String(form.name ?? "")) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 422 });
  const result = await createOrgForUser(context.cloudflare.env, parsed.data, user.id);
  if (!result.ok && result.reason === "slug_taken") {
    return data(
      { errors: { slug: "That address is taken; choose another" } as Record<string, string> },
      { status: 409 },
    );
  }
  throw redirect(`/o/${parsed.data.slug}`);
}

export default function Orgs() {
  const { memberships, invitations, numberFormat } = useLoaderData<typeof loader>();
  const errors: Record<string, string | undefined> = useActionData<typeof action>()?.errors ?? {};
  const navigation = useNavigation();
  const creating = navigation.formAction === "/orgs" && navigation.formData?.get("intent") === "create";
  return (
    <main className="mx-auto grid max-w-3xl gap-8 px-4 py-10">
      {invitations.length > 0 || errors.invitation ? (
        <section className="grid gap-3" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Invitations
          </h2>
          <FormError message={errors.invitation} />
          <ul className="grid gap-2">
            {invitations.map((invitation) => (
              <li
                key={invitation.id}
                className={
                  "flex flex-wrap items-center justify-between gap-3 rounded-lg border " + "border-border bg-card p-4"
                }
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium">{invitation.org.name}</span>
                  <span className="block text-sm text-muted-foreground">
                    invites you as {ROLE_LABELS[invitation.role].toLowerCase()}
                  </span>
                </span>
                <span className="flex shrink-0 gap-2">
                  <ActionButton
                    fields={{ intent: "accept", invitationId: invitation.id }}
                    action="/orgs"
                    aria-label={`Accept the invitation to ${invitation.org.name}`}
                  >
                    Accept
                  </ActionButton>
                  <ActionButton
                    fields={{ intent: "decline", invitationId: invitation.id }}
                    action="/orgs"
                    variant="outline"
                    aria-label={`Decline the invitation to ${invitation.org.name}`}
                  >
                    Decline
                  </ActionButton>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="grid gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Your organizations</h1>
        {memberships.length === 0 ? (
          <Card className="text-muted-foreground">
            {invitations.length > 0
              ? "You are not in any organization yet. Accept an invitation above, or create one below."
              : "You are not in any organization yet. Create one below, " +
                "or ask your agency's admin to invite this email address."}
          </Card>
        ) : (
          <ul className="grid gap-2">
            {memberships.map((m) => (
              <li key={m.slug}>
                <Link
                  to={`/o/${m.slug}`}
                  className={
                    "flex items-center justify-between gap-3 rounded-lg border border-border bg-card " +
                    "p-4 hover:bg-accent"
                  }
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium">{m.name}</span>
                    <span className="block text-sm text-muted-foreground">/o/{m.slug}</span>
                  </span>
                  <span className="flex shrink-0 gap-2">
                    {m.state !== "ready" ? (
                      <Badge tone={m.state === "failed" ? "danger" : "warning"}>{m.state}</Badge>
                    ) : null}
                    <Badge>{ROLE_LABELS[m.role]}</Badge>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Card>
        <Form method="post" action="/orgs" className="grid gap-4">
          <input type="hidden" name="intent" value="create" />
          <div>
            <h2 className="text-lg font-semibold">Create an organization</h2>
            <p className="text-sm text-muted-foreground">
              For your agency. You will be its admin and can invite your team.
            </p>
          </div>
          <FormError message={errors.form} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Agency name" error={errors.name}>
              <Input name="name" required minLength={2} maxLength={80} placeholder="Northwind Digital" />
            </Field>
            <Field label="Address" error={errors.slug} hint="Leave empty to derive it from the name">
              <Input name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={40} placeholder="northwind-digital" />
            </Field>
          </div>
          <NumberFormatField defaultValue={numberFormat} error={errors.numberFormat} />
          <div>
            <Button type="submit" disabled={creating}>
              {creating ? "Creating its database…" : "Create organization"}
            </Button>
          </div>
        </Form>
      </Card>
    </main>
  );
}
