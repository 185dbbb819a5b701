import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { userActor } from "~/server/audit.server";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { NumberFormatField } from "~/components/number-format-field";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { timeAgo } from "~/lib/time-ago";
import { REGION_HINTS, REGION_LABELS } from "../../core/regions";
import { numberFormatForAcceptLanguage } from "../../core/decimal";
import { adminCreateOrgSchema, fieldErrors } from "../../core/control-forms";
import { requirePlatformAdmin } from "~/server/auth.server";
import { createOrgDatabase, findOrg } from "~/server/orgs.server";
import { createOrgForAgency, listOrgsForOperators } from "~/server/platform.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "platform", action: "platform" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Organizations · Platform admin · Celerity" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  return {
    orgs: await listOrgsForOperators(context.cloudflare.env),
    numberFormat: numberFormatForAcceptLanguage(request.headers.get("Accept-Language")),
  };
}

const formSchema = z.discriminatedUnion("intent", [
  adminCreateOrgSchema.extend({
    intent: z.literal("create"),
    region: adminCreateOrgSchema.shape.region.or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("retry"), slug: z.string().min(1) }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePlatformAdmin(request, context);
  const env = context.cloudflare.env;
  const parsed = formSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), created: null }, { status: 422 });
  if (parsed.data.intent === "retry") {
    const org = await findOrg(env, parsed.data.slug);
    if (org && org.state !== "ready") await createOrgDatabase(env, org);
    throw redirect("/admin/orgs");
  }
  const result = await createOrgForAgency(env, parsed.data, user.id, userActor(request, user));
  if (!result.ok && result.reason === "slug_taken") {
    return data(
      { errors: { slug: "That address is taken" } as Record<string, string>, created: null },
      { status: 409 },
    );
  }
  return {
    errors: {} as Record<string, string>,
    created: {
      name: parsed.data.name,
      adminEmail: parsed.data.adminEmail,
      ms: result.ok ? result.provisioningMs : null,
    },
  };
}

const STATE_TONE = { ready: "success", provisioning: "warning", failed: "danger" } as const;

function createdMessage({ name, ms, adminEmail }: { name: string; ms: number | null; adminEmail: string }): string {
  const ready = ms !== null ? ` (database ready in ${ms} ms)` : "";
  return `Created ${name}${ready}; invitation sent to ${adminEmail}.`;
}

export default function AdminOrgs() {
  const { orgs, numberFormat } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <main className="mx-auto grid max-w-6xl gap-8 px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Organizations</h1>
      {result?.created ? (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          {createdMessage(result.created)}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-border bg-card">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <thead className="border-b border-border text-muted-foreground">
            <tr>
              <th className="p-3 font-medium">Organization</th>
              <th className="p-3 font-medium">Members</th>
              <th className="p-3 font-medium">Region</th>
              <th className="p-3 font-medium">State</th>
              <th className="p-3 font-medium">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {orgs.length === 0 ? (
              <tr>
                <td colSpan={5} className="p-6 text-center text-muted-foreground">
                  No organizations yet.
                </td>
              </tr>
            ) : null}
            {orgs.map((org) => (
              <tr key={org.id}>
                <td className="p-3">
                  <span className="block font-medium">{org.name}</span>
                  <span className="text-muted-foreground">/o/{org.slug}</span>
                </td>
                <td className="p-3 tabular-nums">{org.members}</td>
                <td className="p-3">
                  {org.regionHint
                    ? (REGION_LABELS[org.regionHint as keyof typeof REGION_LABELS] ?? org.regionHint)
                    : "Automatic"}
                </td>
                <td className="p-3">
                  <Badge tone={STATE_TONE[org.state]}>{org.state}</Badge>
                  {org.provisioningMs !== null && org.state === "ready" ? (
                    <span className="ml-2 text-muted-foreground">{org.provisioningMs} ms</span>
                  ) : null}
                  {org.state === "failed" ? (
                    <Form method="post" className="mt-2 flex items-center gap-2">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="slug" value={org.slug} />
                      <span className="text-xs text-danger">{org.stateReason}</span>
                      <Button type="submit" size="sm" variant="outline">
                        Retry
                      </Button>
                    </Form>
                  ) : null}
                </td>
                <td className="p-3 text-muted-foreground">{timeAgo(org.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card>
        <Form method="post" className="grid gap-4">
          <input type="hidden" name="intent" value="create" />
          <div>
            <h2 className="text-lg font-semibold">Create an organization for an agency</h2>
            <p className="text-sm text-muted-foreground">
              Its database is created now; its first admin gets an invitation by mail.
            </p>
          </div>
          <FormError message={errors.form} />
          <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
            <Field label="Agency name" error={errors.name}>
              <Input name="name" required placeholder="Northwind Digital" />
            </Field>
            <Field label="Address" error={errors.slug}>
              <Input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" placeholder="northwind-digital" />
            </Field>
            <Field label="First admin's email" error={errors.adminEmail}>
              <Input name="adminEmail" type="email" required placeholder="boss@agency.com" />
            </Field>
            <Field label="Region" error={errors.region} hint="Where the org's data lives; near its team is fastest">
              <Select name="region" defaultValue="">
                <option value="">Automatic (near the first request)</option>
                {REGION_HINTS.map((hint) => (
                  <option key={hint} value={hint}>
                    {REGION_LABELS[hint]}
                  </option>
                ))}
              </Select>
            </Field>
            <NumberFormatField defaultValue={numberFormat} error={errors.numberFormat} />
          </div>
          <div>
            <Button type="submit" disabled={busy}>
              {busy ? "Provisioning…" : "Create organization"}
            </Button>
          </div>
        </Form>
      </Card>
    </main>
  );
}
