import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { Badge, Card } from "~/components/ui/card";
import { List, ListItem } from "~/components/ui/list";
import { describeDevice } from "~/lib/devices";
import { timeAgo } from "~/lib/time-ago";
import { requireUser } from "~/server/auth.server";
import { signedOutHeaders, listSessions } from "~/server/session.server";
import { endSession } from "~/server/sign-out.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "signed_in", action: "signed_in" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Sessions · Celerity" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const rows = await listSessions(context.cloudflare.env, user.id);
  return {
    email: user.email,
    // The hash identifies a session to revoke; it cannot be turned back into a cookie.
    sessions: rows.map((s) => ({
      id: s.idHash,
      device: describeDevice(s.userAgent),
      lastSeenAt: s.lastSeenAt,
      current: s.idHash === user.sessionHash,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = String((await readForm(request)).get("sessionId") ?? "");
  await endSession(context.cloudflare.env, user.id, id);
  if (id === user.sessionHash) throw redirect("/login", { headers: signedOutHeaders(new URL(request.url)) });
  throw redirect("/settings/sessions");
}

export default function Sessions() {
  const { email, sessions } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto grid max-w-3xl gap-6 px-4 py-10">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sessions and devices</h1>
        <p className="text-sm text-muted-foreground">Where {email} is signed in. Revoke any you do not recognise.</p>
      </div>
      <List>
        {sessions.map((session) => (
          <ListItem key={session.id}>
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {session.device} {session.current ? <Badge tone="success">This device</Badge> : null}
              </p>
              <p className="text-sm text-muted-foreground">Last active {timeAgo(session.lastSeenAt)}</p>
            </div>
            <ActionButton fields={{ sessionId: session.id }} variant="outline" signOut={session.current}>
              {session.current ? "Sign out" : "Revoke"}
            </ActionButton>
          </ListItem>
        ))}
      </List>
      <Card className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="font-semibold">Sign out everywhere</h2>
          <p className="text-sm text-muted-foreground">Ends every session, this one included.</p>
        </div>
        <ActionButton
          action="/logout"
          fields={{ intent: "everywhere" }}
          size="default"
          variant="outline"
          className="text-danger"
          signOut
        >
          Sign out everywhere
        </ActionButton>
      </Card>
    </main>
  );
}
