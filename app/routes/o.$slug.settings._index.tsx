import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NumberFormatField } from "~/components/number-format-field";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { formatGrouped } from "../../core/decimal";
import { CURRENCIES } from "../../core/money";
import { fieldErrors, orgSettingsSchema } from "../../core/control-forms";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import { updateOrgSettings } from "~/server/orgs.server";
import { userActor } from "~/server/audit.server";
import { checkLogo } from "../../core/logo";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "org.settings", action: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Settings · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  // The zones this runtime knows (so that the list and the check agree), with UTC and the org's
  // own always among them: a form saved unchanged never moves the org to another zone.
  const timeZones = [...new Set(["UTC", org.timeZone, ...Intl.supportedValuesOf("timeZone")])];
  const names = new Intl.DisplayNames(["en"], { type: "currency" });
  const currencies = CURRENCIES.map((code) => ({ code, name: names.of(code) ?? code }));
  return {
    numberFormat: org.numberFormat,
    timeZone: org.timeZone,
    timeZones,
    currency: org.currency,
    currencies,
    hasLogo: org.hasLogo,
  };
}

type Result = { errors: Record<string, string>; saved: string | null };

/** Saves the number format (`intent=format`), or sets or removes the logo (`intent=logo`, `intent=logo-remove`). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { org, scope, user } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const env = context.cloudflare.env;
  const by = userActor(request, user);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "logo" || intent === "logo-remove") {
    const file = form.get("logo");
    const checked =
      intent === "logo-remove"
        ? ({ ok: true, dataUrl: null } as const)
        : checkLogo(file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array());
    if (!checked.ok) return data<Result>({ errors: { logo: checked.message }, saved: null }, { status: 422 });
    await updateOrgSettings(env, org.id, { logo: checked.dataUrl }, by);
    return { errors: {}, saved: checked.dataUrl ? "Logo saved." : "Logo removed." } as Result;
  }
  const parsed = orgSettingsSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data<Result>({ errors: fieldErrors(parsed.error), saved: null }, { status: 422 });
  await updateOrgSettings(env, org.id, parsed.data, by);
  return { errors: {}, saved: "Saved." } as Result;
}

/** Organization settings, for admins: how the team writes numbers. */
export default function OrgSettings() {
  const { numberFormat, timeZone, timeZones, currency, currencies, hasLogo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  return (
    <section className="grid max-w-2xl gap-4" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="text-lg font-semibold">
        Settings
      </h2>
      <Card>
        <Form method="post" className="grid gap-4">
          <input type="hidden" name="intent" value="format" />
          <NumberFormatField key={numberFormat} defaultValue={numberFormat} error={result?.errors.numberFormat} />
          <p className="text-sm text-muted-foreground">
            Amounts may carry a currency symbol or code ($, €, USD) before or after the number. Anything this format
            cannot read for certain — such as <span className="font-mono">300,5</span> in the{" "}
            {formatGrouped(123456, 2, "1,234.56")} format — is refused with an example, never guessed. Changing the
            format changes how new entries are read; numbers already saved stay as they are.
          </p>
          <Field
            label="Time zone"
            error={result?.errors.timeZone}
            hint="When the organization's week starts and ends for its alerts and Monday summary."
          >
            <Select key={timeZone} name="timeZone" defaultValue={timeZone} className="max-w-sm">
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Currency shown"
            error={result?.errors.currency}
            hint="The symbol amounts are shown with. Only a label: amounts are never converted."
          >
            <Select key={currency} name="currency" defaultValue={currency} className="max-w-sm">
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={saving}>
              {saving ? "Saving…" : "Save settings"}
            </Button>
            {result?.saved === "Saved." ? (
              <p role="status" className="text-sm text-muted-foreground">
                Saved.
              </p>
            ) : null}
          </div>
        </Form>
      </Card>
      <Card className="grid gap-2">
        <h3 className="font-medium">Alerts and mail</h3>
        <p className="text-sm">
          <Link to="alerts" className="font-medium text-primary underline-offset-4 hover:underline">
            Alert rules
          </Link>{" "}
          <span className="text-muted-foreground">— which conditions raise an alert, and their thresholds.</span>
        </p>
        <p className="text-sm">
          <Link to="mail" className="font-medium text-primary underline-offset-4 hover:underline">
            Mail sent
          </Link>{" "}
          <span className="text-muted-foreground">— every alert mail, digest and Monday summary, as it was sent.</span>
        </p>
      </Card>
      <Card className="grid gap-3">
        <h3 className="font-medium">Logo</h3>
        <p className="text-sm text-muted-foreground">
          Shown next to the organization's name, to the team and to clients who follow their numbers here. PNG, JPEG or
          WebP, at most 64 KB.
        </p>
        {hasLogo ? <img src="logo" alt="Current logo" className="h-12 w-auto self-start" /> : null}
        <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="logo" />
          <Field label="Image" error={result?.errors.logo}>
            <Input type="file" name="logo" accept="image/png,image/jpeg,image/webp" required />
          </Field>
          <Button type="submit" disabled={saving}>
            Upload logo
          </Button>
        </Form>
        {hasLogo ? (
          <Form method="post">
            <input type="hidden" name="intent" value="logo-remove" />
            <Button type="submit" variant="outline" disabled={saving}>
              Remove logo
            </Button>
          </Form>
        ) : null}
        {result?.saved && result.saved !== "Saved." ? (
          <p role="status" className="text-sm text-muted-foreground">
            {result.saved}
          </p>
        ) : null}
      </Card>
    </section>
  );
}
