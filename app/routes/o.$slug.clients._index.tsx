import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { List, ListItem } from "~/components/ui/list";
import { type RouteHandle, canInOrg, visibleClientIds } from "../../core/permissions";
import { fieldErrors } from "../../core/control-forms";
import { clientForm, clientUpdateForm } from "../../core/tracker-forms";
import { commit, requireOrgHub } from "~/server/tracker.server";
import { requirePermission } from "~/server/auth.server";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "org.view", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Clients · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { scope, hub } = await requireOrgHub(request, context, params.slug);
  const q = new URL(request.url).searchParams.get("q")?.trim().toLowerCase() ?? "";
  const all = await hub.listClients(visibleClientIds(scope));
  return {
    clients: q ? all.filter((c) => c.name.toLowerCase().includes(q)) : all,
    total: all.length,
    q,
    canEdit: canInOrg(scope, "tracker.edit"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { scope } = await requireOrgHub(request, context, params.slug);
  requirePermission(scope, handle.access.action);
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "update") {
    const parsed = clientUpdateForm.safeParse(form);
    if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error) }, { status: 422 });
    return commit(request, context, params.slug, [{ kind: "client.update", ...parsed.data }]);
  }
  const parsed = clientForm.safeParse(form);
  if (!parsed.success) return data({ ok: false as const, errors: fieldErrors(parsed.error) }, { status: 422 });
  return commit(request, context, params.slug, [{ kind: "client.create", name: parsed.data.name }]);
}

export default function Clients() {
  const { clients, total, q, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> =
    result && !result.ok ? ("errors" in result ? result.errors : { form: result.error.message }) : {};
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end gap-3">
        <Form method="get" role="search" className="flex items-end gap-2">
          <Field label="Search clients">
            <Input
              name="q"
              type="search"
              defaultValue={params.get("q") ?? ""}
              placeholder="Client name"
              className="w-64"
            />
          </Field>
          <Button type="submit" variant="outline">
            Search
          </Button>
        </Form>
      </div>
      {total === 0 ? (
        <Card className="text-muted-foreground">
          No clients yet.
          {canEdit
            ? " Add the first one below: then enable its ad channels and campaigns."
            : " An account manager can add them."}
        </Card>
      ) : clients.length === 0 ? (
        <Card className="text-muted-foreground">No client matches "{q}".</Card>
      ) : (
        <List>
          {clients.map((client) => (
            <ListItem key={client.id} className="p-3">
              <Link to={client.id} className="min-w-0 flex-1 truncate font-medium hover:underline">
                {client.name}
              </Link>
              {client.isActive ? null : <Badge>Inactive</Badge>}
              {canEdit ? (
                <details className="relative">
                  <summary
                    className={
                      "cursor-pointer list-none rounded px-2 py-1 text-sm text-muted-foreground " + "hover:bg-accent"
                    }
                  >
                    Edit
                  </summary>
                  <div
                    className={
                      "absolute right-0 z-20 mt-1 grid w-72 gap-3 rounded-md border border-border bg-card p-3 shadow-lg"
                    }
                  >
                    <Form method="post" className="flex items-end gap-2">
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="id" value={client.id} />
                      <input type="hidden" name="version" value={client.version} />
                      <Field label="Name" className="flex-1">
                        <Input name="name" defaultValue={client.name} required />
                      </Field>
                      <Button type="submit" size="sm">
                        Rename
                      </Button>
                    </Form>
                    <ActionButton
                      fields={{
                        intent: "update",
                        id: client.id,
                        version: client.version,
                        isActive: String(!client.isActive),
                      }}
                      variant="outline"
                    >
                      {client.isActive ? "Deactivate" : "Activate"}
                    </ActionButton>
                  </div>
                </details>
              ) : null}
            </ListItem>
          ))}
        </List>
      )}
      {errors.form ? (
        <p role="alert" className="text-sm text-danger">
          {errors.form}
        </p>
      ) : null}
      {canEdit ? (
        <Card>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <Field label="New client" error={errors.name} className="min-w-64 flex-1">
              <Input name="name" required maxLength={120} placeholder="Acme Outdoor" />
            </Field>
            <Button type="submit" disabled={busy}>
              Add client
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
