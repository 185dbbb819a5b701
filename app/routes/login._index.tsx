import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormError } from "~/components/ui/field";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { safeRedirect } from "../../core/safe-redirect";
import { fieldErrors, loginSchema } from "../../core/control-forms";
import { requestLoginLink } from "~/server/login.server";
import { devMailboxEnabled } from "~/server/mail.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Sign in · Celerity" }];

/** A rate-limited page tells clients when to come back. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  if (await context.auth.user()) throw redirect(redirectTo || "/orgs");
  return {
    email: url.searchParams.get("email") ?? "",
    redirectTo,
    devMailbox: devMailboxEnabled(context.cloudflare.env),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = loginSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), sentTo: null }, { status: 422 });
  const { email, redirectTo } = parsed.data;
  const result = await requestLoginLink(context.cloudflare.env, request, {
    email,
    redirectTo: safeRedirect(redirectTo, "") || null,
  });
  if (!result.ok) {
    return data(
      { errors: { form: `Too many sign-in requests. Try again in ${result.retryAfterS} s.` }, sentTo: null },
      { status: 429, headers: { "Retry-After": String(result.retryAfterS) } },
    );
  }
  return { errors: {} as Record<string, string>, sentTo: email };
}

export default function Login() {
  const { email, redirectTo, devMailbox } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};

  return (
    <main className="mx-auto max-w-md px-4 py-12 sm:py-20">
      <Card className="p-6 sm:p-8">
        {actionData?.sentTo ? (
          <div className="grid gap-3" aria-live="polite">
            <h1 className="text-2xl font-semibold tracking-tight">Check your inbox</h1>
            <p className="text-muted-foreground">
              We sent a sign-in link to <strong className="text-foreground">{actionData.sentTo}</strong>. It works once,
              for 10 minutes.
            </p>
            {devMailbox ? (
              <p className="text-sm">
                Local development: open the{" "}
                <Link to="/dev/mailbox" className="font-medium text-primary underline">
                  dev mailbox
                </Link>
                .
              </p>
            ) : null}
            <Form method="post" replace>
              <input type="hidden" name="email" value={actionData.sentTo} />
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <Button type="submit" variant="outline" size="sm" disabled={submitting}>
                Send another link
              </Button>
            </Form>
          </div>
        ) : (
          <Form method="post" className="grid gap-5" noValidate>
            <div className="grid gap-1">
              <h1 className="text-2xl font-semibold tracking-tight">Sign in to Celerity</h1>
              <p className="text-sm text-muted-foreground">No password: we email you a link that signs you in.</p>
            </div>
            <FormError message={errors.form} />
            <Field label="Work email" error={errors.email}>
              <Input
                name="email"
                type="email"
                autoComplete="email"
                inputMode="email"
                required
                defaultValue={email}
                autoFocus
                placeholder="you@agency.com"
              />
            </Field>
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Button type="submit" disabled={submitting}>
              {submitting ? "Sending…" : "Email me a sign-in link"}
            </Button>
          </Form>
        )}
      </Card>
    </main>
  );
}
