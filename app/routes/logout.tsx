import { type ActionFunctionArgs, redirect } from "@remix-run/cloudflare";
import { signedOutHeaders } from "~/server/session.server";
import { endAllSessions, endSession } from "~/server/sign-out.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

/** POST only: `intent=everywhere` ends every session of the user, otherwise just this one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await context.auth.user();
  const everywhere = (await readForm(request)).get("intent") === "everywhere";
  if (user) {
    const { env } = context.cloudflare;
    await (everywhere ? endAllSessions(env, user.id) : endSession(env, user.id, user.sessionHash));
  }
  throw redirect("/", { headers: signedOutHeaders(new URL(request.url)) });
}

export function loader() {
  throw redirect("/");
}
