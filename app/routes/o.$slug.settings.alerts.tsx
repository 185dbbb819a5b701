import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { readForm } from "~/server/form.server";
import { requireOrgHub } from "~/server/tracker.server";
import { requirePermission } from "~/server/auth.server";
import { alertRulesFormSchema } from "../../core/alert-forms";
import { ALERT_KIND_LABELS, type AlertKind } from "../../core/alerts";
import { fieldErrors } from "../../core/control-forms";
import { FAILURE_STATUS } from "../../core/failures";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "org.settings", action: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Alert rules · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub, org } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  return { rules: await hub.alertRules(), timeZone: org.timeZone };
}

type Result = { saved: boolean; errors: Record<string, string> };

/** Saves the rules; every alert is judged again under them at once (a rule turned off resolves its alerts). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope, hub, org, actor } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const parsed = alertRulesFormSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data<Result>({ saved: false, errors: fieldErrors(parsed.error) }, { status: 422 });
  const result = await hub.setAlertRules(actor, parsed.data, org.timeZone);
  if (!result.ok)
    return data<Result>(
      { saved: false, errors: { form: result.error.message } },
      { status: FAILURE_STATUS[result.error.code] },
    );
  return data<Result>({ saved: true, errors: {} });
}

function Toggle({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <label className="flex items-center gap-2 font-medium">
      <input type="checkbox" name={name} defaultChecked={checked} className="size-4" />
      {label}
    </label>
  );
}

/** A rule with a number: on or off, and its threshold (a whole number from 1). */
function ThresholdRule({
  toggle,
  field,
  value,
  error,
}: {
  toggle: { name: string; checked: boolean; kind: AlertKind };
  field: { name: string; label: string; max: number };
  value: number;
  error?: string;
}) {
  return (
    <Card className="grid gap-3">
      <Toggle name={toggle.name} checked={toggle.checked} label={ALERT_KIND_LABELS[toggle.kind]} />
      <Field label={field.label} error={error}>
        <Input
          name={field.name}
          type="number"
          inputMode="numeric"
          min={1}
          max={field.max}
          defaultValue={value}
          className="max-w-32"
        />
      </Field>
    </Card>
  );
}

/** Admins: which conditions raise an alert in this organization, and when. */
export default function AlertRulesPage() {
  const { rules, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  return (
    <section className="grid max-w-2xl gap-4" aria-labelledby="rules-heading">
      <BackLink to="..">Settings</BackLink>
      <h2 id="rules-heading" className="text-lg font-semibold">
        Alert rules
      </h2>
      <p className="text-sm text-muted-foreground">
        Alerts are judged after every change and each hour, resolve themselves when the condition clears, and reach each
        member only for the clients they may see. Times are in this organization's zone, {timeZone.replaceAll("_", " ")}
        .
      </p>
      <Form method="post" className="grid gap-4">
        <ThresholdRule
          toggle={{ name: "roasEnabled", checked: rules.roas_below_target.enabled, kind: "roas_below_target" }}
          field={{ name: "roasWeeks", label: "Weeks in a row below the campaign's target", max: 12 }}
          value={rules.roas_below_target.weeks}
          error={errors.roasWeeks}
        />
        <ThresholdRule
          toggle={{ name: "pacingEnabled", checked: rules.pacing_off.enabled, kind: "pacing_off" }}
          field={{
            name: "pacingPercent",
            label: "A group's month-to-date spend off its budget by more than (%)",
            max: 500,
          }}
          value={rules.pacing_off.percent}
          error={errors.pacingPercent}
        />
        <Card className="grid gap-2">
          <Toggle
            name="missingEnabled"
            checked={rules.missing_numbers.enabled}
            label={ALERT_KIND_LABELS.missing_numbers}
          />
          <p className="text-sm text-muted-foreground">A client without numbers for last week by Tuesday 12:00.</p>
        </Card>
        <Card className="grid gap-2">
          <Toggle
            name="verdictEnabled"
            checked={rules.verdict_changed.enabled}
            label={ALERT_KIND_LABELS.verdict_changed}
          />
          <p className="text-sm text-muted-foreground">
            A POC's verdict turning to Graduate or Stop: a decision to make.
          </p>
        </Card>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={saving}>
            {saving ? "Saving…" : "Save rules"}
          </Button>
          {result?.saved ? (
            <p role="status" className="text-sm text-muted-foreground">
              Saved. Alerts were judged again under these rules.
            </p>
          ) : null}
          {errors.form ? (
            <p role="alert" className="text-sm text-danger">
              {errors.form}
            </p>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
