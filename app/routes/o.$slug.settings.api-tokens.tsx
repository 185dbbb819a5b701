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
import { timeAgo } from "~/lib/labels";
import { apiTokenSchema, fieldErrors } from "../../core/control-forms";
import { createApiToken, listApiTokens, revokeApiToken } from "~/server/api-tokens.server";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "tokens.manage", action: "tokens.manage" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "API tokens · Celerity" }];

const EXPIRY_DAYS = ["", "30", "90", "365"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, role } = await requireOrgAccess(request, context, params.slug);
  requirePermission(role, handle.access.loader);
  return { tokens: await listApiTokens(context.cloudflare.env, org.id), now: Date.now() };
}

const formSchema = z.discriminatedUnion("intent", [
  apiTokenSchema.extend({ intent: z.literal("create"), expiresInDays: z.enum(EXPIRY_DAYS).default("") }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1) }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, role, user } = await requireOrgAccess(request, context, params.slug);
  requirePermission(role, handle.access.action);
  const env = context.cloudflare.env;
  const parsed = formSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), token: null }, { status: 422 });
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeApiToken(env, org, parsed.data.id);
    return data(
      { errors: revoked ? {} : ({ form: "That token is already revoked" } as Record<string, string>), token: null },
      { status: revoked ? 200 : 404 },
    );
  }
  const { name, scope, expiresInDays } = parsed.data;
  const expiresAt = expiresInDays ? new Date(Date.now() + Number(expiresInDays) * 86_400_000) : null;
  const { token } = await createApiToken(env, org.id, { name, scope, createdBy: user.id, expiresAt });
  return { errors: {} as Record<string, string>, token: { value: token, name } };
}

export default function ApiTokens() {
  const { tokens, now } = useLoaderData<typeof loader>();
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
        </Form>
      </Card>
    </div>
  );
}
