import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NumberFormatField } from "~/components/number-format-field";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { formatGrouped } from "../../core/decimal";
import { fieldErrors, orgSettingsSchema } from "../../core/control-forms";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import { setNumberFormat } from "~/server/orgs.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "org.settings", action: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Settings · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, role } = await requireOrgAccess(request, context, params.slug);
  requirePermission(role, handle.access.loader);
  return { numberFormat: org.numberFormat };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, role } = await requireOrgAccess(request, context, params.slug);
  requirePermission(role, handle.access.action);
  const parsed = orgSettingsSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), saved: false }, { status: 422 });
  await setNumberFormat(context.cloudflare.env, org.id, parsed.data.numberFormat);
  return { errors: {} as Record<string, string>, saved: true };
}

/** Organization settings, for admins: how the team writes numbers. */
export default function OrgSettings() {
  const { numberFormat } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  return (
    <section className="grid max-w-2xl gap-4" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      <Card>
        <Form method="post" className="grid gap-4">
          <NumberFormatField key={numberFormat} defaultValue={numberFormat} error={result?.errors.numberFormat} />
          <p className="text-sm text-muted-foreground">
            Amounts may carry a currency symbol or code ($, €, USD) before or after the number. Anything this format
            cannot read for certain — such as <span className="font-mono">300,5</span> in the{" "}
            {formatGrouped(123456, 2, "1,234.56")} format — is refused with an example, never guessed. Changing the
            format changes how new entries are read; numbers already saved stay as they are.
          </p>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save settings"}
            </Button>
            {result?.saved ? (
              <p role="status" className="text-sm text-muted-foreground">
                Saved.
              </p>
            ) : null}
          </div>
        </Form>
      </Card>
    </section>
  );
}
