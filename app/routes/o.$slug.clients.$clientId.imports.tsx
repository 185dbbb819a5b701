import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { mailAfterWrite } from "~/server/alert-runs.server";
import { BackLink } from "~/components/back-link";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { FormError } from "~/components/ui/field";
import { List, ListItem } from "~/components/ui/list";
import { formatWeek } from "~/lib/format";
import { timeAgo } from "~/lib/time-ago";
import { canOnClient, type RouteHandle } from "../../core/permissions";
import { FAILURE_STATUS } from "../../core/failures";
import { notFound } from "~/server/auth.server";
import { readForm } from "~/server/form.server";
import { requireClientAccess, requireClientHub } from "~/server/tracker.server";

export const handle = { access: { loader: "tracker.edit", action: "imports.undo" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Imports · Celerity" }];

/** The client's CSV imports, newest first: who, when, how many weeks, and whether undone. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const clientId = params.clientId ?? "";
  const [client, imports] = await Promise.all([hub.client(clientId), hub.imports(clientId)]);
  if (!client) throw notFound();
  return { client, imports, canUndo: canOnClient(scope, clientId, "imports.undo") === "yes" };
}

/**
 * Undoes one import as one change. A week someone changed after the import keeps their numbers
 * (the first law: a number entered later is never lost) and is listed.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { hub, actor, org } = await requireClientHub(request, context, params, handle.access.action);
  const importId = String((await readForm(request)).get("importId") ?? "");
  if (!importId) return data({ ok: false as const, message: "Choose an import to undo" }, { status: 422 });
  const result = await hub.undoImport(actor, importId, params.clientId ?? "");
  if (!result.ok)
    return data({ ok: false as const, message: result.error.message }, { status: FAILURE_STATUS[result.error.code] });
  mailAfterWrite(context.cloudflare.env, context.cloudflare.ctx, org, result.alertsOpened);
  const structure = await hub.clientStructure(params.clientId ?? "");
  const names = new Map(structure?.campaigns.map((c) => [c.id, c.name]) ?? []);
  return {
    ok: true as const,
    reverted: result.reverted,
    kept: result.kept.map((cell) => ({ campaign: names.get(cell.campaignId) ?? "A campaign", week: cell.weekStart })),
  };
}

export default function Imports() {
  const { client, imports, canUndo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const confirming = params.get("undo");
  const busy = useNavigation().state === "submitting";
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="imports-heading">
      <BackLink to="..">{client.name}</BackLink>
      <h2 id="imports-heading" className="text-lg font-semibold">
        Imports of {client.name}
      </h2>
      {result?.ok ? (
        <Card role="status" className="grid gap-1 border-success/50">
          <p className="font-medium">
            Import undone: {result.reverted} {result.reverted === 1 ? "week is" : "weeks are"} back as before.
          </p>
          {result.kept.length > 0 ? (
            <>
              <p className="text-sm">Changed by someone after the import, so kept as they left them:</p>
              <ul className="list-disc pl-5 text-sm">
                {result.kept.map((cell) => (
                  <li key={`${cell.campaign}-${cell.week}`}>
                    {cell.campaign}, week of {formatWeek(cell.week)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Card>
      ) : result ? (
        <FormError message={result.message} />
      ) : null}
      {imports.length === 0 ? (
        <Card className="text-muted-foreground">No CSV imports for this client yet.</Card>
      ) : (
        <List>
          {imports.map((item) => (
            <ListItem key={item.id}>
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {item.changed} {item.changed === 1 ? "week" : "weeks"} imported by {item.actorLabel ?? "someone"}{" "}
                  {item.undoneAt ? <Badge tone="warning">undone</Badge> : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  <time dateTime={new Date(item.at).toISOString()}>{timeAgo(item.at)}</time>
                  {item.undoneAt ? ` · undone ${timeAgo(item.undoneAt)}` : ""}
                </p>
              </div>
              {canUndo && !item.undoneAt ? (
                confirming === item.id ? (
                  <Card role="alertdialog" aria-label="Confirm undo" className="grid w-full gap-2 border-danger/50">
                    <p className="text-sm">
                      Put the {item.changed} {item.changed === 1 ? "week" : "weeks"} this import changed back as they
                      were before it? Weeks someone changed since are kept. The undo is itself audited.
                    </p>
                    <div className="flex gap-2">
                      <Form method="post">
                        <input type="hidden" name="importId" value={item.id} />
                        <Button type="submit" variant="outline" className="text-danger" disabled={busy}>
                          {busy ? "Undoing…" : "Yes, undo the import"}
                        </Button>
                      </Form>
                      <Button asChild variant="outline">
                        <Link to=".">Keep it</Link>
                      </Button>
                    </div>
                  </Card>
                ) : (
                  <Button asChild variant="outline" size="sm">
                    <Link to={`?undo=${item.id}`}>Undo…</Link>
                  </Button>
                )
              ) : null}
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
}
