import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ActionButton } from "~/components/action-button";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { List, ListItem } from "~/components/ui/list";
import { timeAgo } from "~/lib/time-ago";
import { apiTokenSchema, fieldErrors } from "../../core/control-forms";
import { createApiToken, listApiTokens, revokeApiToken } from "~/server/api-tokens.server";
import { requirePermission } from "~/server/auth.server";
import { userActor } from "~/server/audit.server";
import { requireOrgHub } from "~/server/tracker.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "tokens.manage", action: "tokens.manage" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "API tokens · Celerity" }];

const EXPIRY_DAYS = ["", "30", "90", "365"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope, hub } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  const [tokens, clients] = await Promise.all([listApiTokens(context.cloudflare.env, org.id), hub.listClients()]);
  return { tokens, clients: clients.map(({ id, name }) => ({ id, name })), now: Date.now() };
}

const formSchema = z.discriminatedUnion("intent", [
  apiTokenSchema.extend({ intent: z.literal("create"), expiresInDays: z.enum(EXPIRY_DAYS).default("") }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1) }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, scope, user } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const env = context.cloudflare.env;
  const by = userActor(request, user);
  const form = await readForm(request);
  // Ticked clients arrive as repeated `clients` fields.
  const parsed = formSchema.safeParse({ ...Object.fromEntries(form), clients: form.getAll("clients").map(String) });
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), token: null }, { status: 422 });
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeApiToken(env, org, parsed.data.id, by);
    return data(
      { errors: revoked ? {} : ({ form: "That token is already revoked" } as Record<string, string>), token: null },
      { status: revoked ? 200 : 404 },
    );
  }
  const { name, scope: tokenScope, clients, expiresInDays } = parsed.data;
  const expiresAt = expiresInDays ? new Date(Date.now() + Number(expiresInDays) * 86_400_000) : null;
  const created = await createApiToken(
    env,
    org,
    { name, scope: tokenScope, clients, createdBy: user.id, expiresAt },
    by,
  );
  if (!created.ok)
    return data({ errors: { clients: created.message } as Record<string, string>, token: null }, { status: 422 });
  return { errors: {} as Record<string, string>, token: { value: created.token, name } };
}

export default function ApiTokens() {
  const { tokens, clients, now } = useLoaderData<typeof loader>();
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="grid max-w-3xl gap-6">
      <div>
        <h2 className="text-lg font-semibold">API tokens</h2>
        <p className="text-sm text-muted-foreground">
          For scripts that read or write this organization's numbers. See the{" "}
          <a href="/api/v1/reference" className="font-medium text-primary underline">
            API reference
          </a>
          .
        </p>
      </div>
      {result?.token ? (
        <Card className="grid gap-2 border-success/50" role="status">
          <p className="font-medium">Token "{result.token.name}" created. Copy it now: it is not shown again.</p>
          <Input
            readOnly
            value={result.token.value}
            aria-label="New API token"
            onFocus={(e) => e.currentTarget.select()}
            className="font-mono"
          />
        </Card>
      ) : null}
      <FormError message={errors.form} />
      {tokens.length === 0 ? (
        <Card className="text-muted-foreground">No tokens yet.</Card>
      ) : (
        <List>
          {tokens.map((token) => {
            const expired = token.expiresAt !== null && new Date(token.expiresAt).getTime() <= now;
            return (
              <ListItem key={token.id}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {token.name} <Badge>{token.scope}</Badge>{" "}
                    {token.revokedAt ? (
                      <Badge tone="danger">revoked</Badge>
                    ) : expired ? (
                      <Badge tone="warning">expired</Badge>
                    ) : null}
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {token.clients
                      ? `Only ${token.clients.map((id) => clientName.get(id) ?? "a deleted client").join(", ")} · `
                      : "Every client · "}
                    {token.lastUsedAt ? `Last used ${timeAgo(token.lastUsedAt)}` : "Never used"}
                    {token.expiresAt ? ` · expires ${timeAgo(token.expiresAt)}` : " · does not expire"}
                  </p>
                </div>
                {token.revokedAt ? null : (
                  <ActionButton fields={{ intent: "revoke", id: token.id }} variant="outline" className="text-danger">
                    Revoke
                  </ActionButton>
                )}
              </ListItem>
            );
          })}
        </List>
      )}
      <Card>
        <Form method="post" className="grid gap-4 sm:grid-cols-[1fr_8rem_9rem_auto] sm:items-start">
          <input type="hidden" name="intent" value="create" />
          <Field label="Name" error={errors.name}>
            <Input name="name" required placeholder="Nightly Google Ads sync" />
          </Field>
          <Field label="Scope" error={errors.scope}>
            <Select name="scope" defaultValue="read">
              <option value="read">Read</option>
              <option value="write">Write</option>
            </Select>
          </Field>
          <Field label="Expires" error={errors.expiresInDays}>
            <Select name="expiresInDays" defaultValue="90">
              <option value="">Never</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
            </Select>
          </Field>
          <Button type="submit" className="sm:mt-7" disabled={busy}>
            Create token
          </Button>
          {clients.length > 0 ? (
            <fieldset className="grid gap-2 sm:col-span-4">
              <legend className="mb-1 text-sm font-medium">Clients</legend>
              <p className="text-sm text-muted-foreground">
                Tick clients to limit the token to them; leave all unticked for every client.
              </p>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {clients.map((client) => (
                  <label key={client.id} className="flex min-h-6 items-center gap-2 text-sm">
                    <input type="checkbox" name="clients" value={client.id} className="size-5" />
                    {client.name}
                  </label>
                ))}
              </div>
              <FormError message={errors.clients} />
            </fieldset>
          ) : null}
        </Form>
      </Card>
    </div>
  );
}
