import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { safeRedirect } from "../../core/safe-redirect";
import { peekLoginToken, spendLoginToken } from "~/server/login.server";
import { signIn } from "~/server/sign-in.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

// No `referrer` meta: "no-referrer" made the sign-in form post `Origin: null`. The site-wide
// strict-origin-when-cross-origin policy already keeps the token out of other sites' logs.
export const meta: MetaFunction = () => [{ title: "Sign in · Celerity" }];

/** Opening the link does not spend it (mail scanners open links): only the button's POST does. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token ? await peekLoginToken(context.cloudflare.env, token) : undefined;
  return data({ token, email: valid?.email ?? null }, { headers: { "Cache-Control": "no-store" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = String((await readForm(request)).get("token") ?? "");
  const spent = token ? await spendLoginToken(context.cloudflare.env, token) : null;
  if (!spent) return data({ error: "This link has expired or was already used. Ask for a new one." }, { status: 400 });
  const { cookie, destination } = await signIn(context.cloudflare.env, request, spent.user);
  throw redirect(safeRedirect(spent.redirectTo, "") || destination, { headers: { "Set-Cookie": cookie } });
}

export default function VerifyLogin() {
  const { token, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  const expired = !email || actionData?.error;
  return (
    <main className="mx-auto max-w-md px-4 py-12 sm:py-20">
      <Card className="grid gap-4 p-6 sm:p-8">
        {expired ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">This link no longer works</h1>
            <p className="text-muted-foreground" role="alert">
              {actionData?.error ?? "Sign-in links work once, for 10 minutes. Ask for a new one."}
            </p>
            <Button asChild>
              <Link to="/login">Get a new link</Link>
            </Button>
          </>
        ) : (
          <Form method="post" className="grid gap-4">
            <h1 className="text-2xl font-semibold tracking-tight">Sign in to Celerity</h1>
            <p className="text-muted-foreground">
              Continue as <strong className="text-foreground">{email}</strong>.
            </p>
            <input type="hidden" name="token" value={token} />
            <Button type="submit" disabled={submitting} autoFocus>
              {submitting ? "Signing in…" : "Sign in"}
            </Button>
          </Form>
        )}
      </Card>
    </main>
  );
}
