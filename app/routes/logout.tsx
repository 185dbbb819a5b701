import { type ActionFunctionArgs, redirect } from "@remix-run/cloudflare";
import { controlDb } from "../../db/control/database";
import { clearSessionCookie, deleteAllSessions, deleteSession } from "~/server/session.server";

/** POST only: `intent=everywhere` ends every session of the user, otherwise just this one. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await context.auth.user();
  const everywhere = (await request.formData()).get("intent") === "everywhere";
  if (user) {
    const db = controlDb(context.cloudflare.env.DB);
    await (everywhere ? deleteAllSessions(db, user.id) : deleteSession(db, user.sessionHash));
  }
  throw redirect("/", { headers: { "Set-Cookie": clearSessionCookie(new URL(request.url)) } });
}

export function loader() {
  throw redirect("/");
}
