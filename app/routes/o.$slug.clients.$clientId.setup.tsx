import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ActionButton } from "~/components/action-button";
import { Button } from "~/components/ui/button";
import { Badge, Card } from "~/components/ui/card";
import { Field, FormError } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { useNumberFormat } from "~/hooks/use-number-format";
import { formatGrouped } from "../../core/decimal";
import { amountInput } from "../../core/money";
import { roasInput } from "../../core/roas";
import { newIdempotencyKey } from "../../core/idempotency";
import { fieldErrors } from "../../core/control-forms";
import { setupChange } from "../../core/tracker-forms";
import { notFound } from "~/server/auth.server";
import { listChannels } from "~/server/channels.server";
import { syncChannels } from "~/server/orgs.server";
import { commit, requireClientAccess, requireClientHub } from "~/server/tracker.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "tracker.edit", action: "tracker.edit" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Channels & campaigns · Celerity" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { hub } = await requireClientAccess(request, context, params, handle.access.loader);
  const [client, channels] = await Promise.all([
    hub.clientStructure(params.clientId ?? ""),
    listChannels(context.cloudflare.env),
  ]);
  if (!client) throw notFound();
  // One idempotency key per render: a form posted twice (a double tap, a resent request) saves once.
  return {
    client: client.client,
    enabled: client.channels,
    groups: client.groups,
    campaigns: client.campaigns,
    channels,
    saveKey: newIdempotencyKey(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Checked before anything is touched: even a refused write must not write (the channel sync).
  const { org, hub } = await requireClientHub(request, context, params, handle.access.action);
  const form = Object.fromEntries(await readForm(request));
  const change = setupChange(form, org.numberFormat, params.clientId ?? "");
  if (!change.ok) {
    const errors = change.error ? fieldErrors(change.error) : { form: "Unknown action" };
    return data(
      { ok: false as const, errors, intent: String(form.intent ?? "") },
      { status: change.error ? 422 : 400 },
    );
  }
  if (change.syncChannels) await syncChannels(context.cloudflare.env, hub);
  const key = typeof form.mutationId === "string" && form.mutationId !== "" ? form.mutationId : undefined;
  const response = await commit(request, context, params.slug, change.mutations, key);
  // Deleting weekly numbers needs a second, explicit yes: hand the form back to confirm.
  if (change.deleting && !response.data.ok && response.data.error.code === "needs_confirmation") {
    return data({ ...response.data, pendingDelete: change.deleting }, { status: 409 });
  }
  return response;
}

export default function Setup() {
  const { client, enabled, groups, campaigns, channels, saveKey } = useLoaderData<typeof loader>();
  const format = useNumberFormat();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> =
    result && !result.ok ? ("errors" in result ? result.errors : {}) : {};
  const refusal = result && !result.ok && "error" in result ? result.error : null;
  const byChannel = new Map(enabled.map((c) => [c.channelId, c]));
  return (
    <div className="grid max-w-4xl gap-6">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{client.name}: channels & campaigns</h2>
        <Link
          relative="path"
          to=".."
          className="ml-auto inline-flex min-h-6 items-center text-sm font-medium hover:underline max-sm:min-h-11"
        >
          Back to the grid
        </Link>
      </div>
      {refusal ? (
        refusal.code === "needs_confirmation" && result && "pendingDelete" in result ? (
          <ConfirmDelete message={refusal.message} pending={result.pendingDelete as PendingDelete} />
        ) : (
          <FormError message={refusal.issues?.[0]?.message ?? refusal.message} />
        )
      ) : null}
      <FormError message={errors.form ?? (Object.keys(errors).length > 0 ? Object.values(errors)[0] : undefined)} />

      <Card className="grid gap-3">
        <h3 className="font-semibold">Ad channels</h3>
        <ul className="grid gap-2 sm:grid-cols-2">
          {channels.map((channel) => {
            const on = byChannel.get(channel.id);
            const active = on?.isActive ?? false;
            return (
              <li key={channel.id}>
                <Form
                  method="post"
                  className="flex items-center justify-between gap-2 rounded-md border border-border p-2"
                >
                  <span className="flex items-center gap-2">
                    {channel.iconUrl ? <img src={channel.iconUrl} alt="" width={20} height={20} /> : null}
                    {channel.name}
                  </span>
                  <input type="hidden" name="intent" value="channel" />
                  <input type="hidden" name="channelId" value={channel.id} />
                  {on ? <input type="hidden" name="clientChannelId" value={on.id} /> : null}
                  {on ? <input type="hidden" name="version" value={on.version} /> : null}
                  <input type="hidden" name="enable" value={active ? "false" : "true"} />
                  <Button
                    type="submit"
                    size="sm"
                    variant={active ? "outline" : "default"}
                    disabled={busy}
                    aria-label={`${active ? "Disable" : "Enable"} ${channel.name}`}
                  >
                    {active ? "Disable" : "Enable"}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      </Card>

      {enabled
        .filter((c) => c.isActive)
        .map((clientChannel) => (
          <Card key={clientChannel.id} className="grid gap-4">
            <h3 className="flex items-center gap-2 font-semibold">
              {clientChannel.channel.iconUrl ? (
                <img src={clientChannel.channel.iconUrl} alt="" width={20} height={20} />
              ) : null}
              {clientChannel.channel.name}
            </h3>
            {groups
              .filter((g) => g.clientChannelId === clientChannel.id)
              .map((group) => (
                <div key={group.id} className="grid gap-2 rounded-md border border-border p-3">
                  <RowEditForm
                    intent="group-update"
                    row={group}
                    label="Campaign group"
                    amount={{
                      name: "weeklyBudget",
                      label: "Weekly budget",
                      value: group.weeklyBudgetCents === null ? "" : amountInput(group.weeklyBudgetCents, format),
                    }}
                  />
                  <DeleteButton
                    entity="campaignGroup"
                    id={group.id}
                    version={group.version}
                    label={`Delete group ${group.name}`}
                  />
                  <ul className="grid gap-2 pl-4">
                    {campaigns
                      .filter((c) => c.campaignGroupId === group.id)
                      .map((campaign) => (
                        <li key={campaign.id} className="flex flex-wrap items-end gap-2">
                          <RowEditForm
                            intent="campaign-update"
                            row={campaign}
                            label="Campaign"
                            amount={{
                              name: "targetRoas",
                              label: "Target ROAS",
                              value:
                                campaign.targetRoasMilli === null ? "" : roasInput(campaign.targetRoasMilli, format),
                            }}
                          />
                          <DeleteButton
                            entity="campaign"
                            id={campaign.id}
                            version={campaign.version}
                            label={`Delete campaign ${campaign.name}`}
                          />
                          {campaign.archived ? <Badge>Archived</Badge> : null}
                        </li>
                      ))}
                  </ul>
                  <AddForm
                    intent="campaign"
                    parent={{ name: "campaignGroupId", value: group.id }}
                    label="New campaign"
                    placeholder="Brand exact"
                    amount={{ name: "targetRoas", label: "Target ROAS", placeholder: roasInput(4000, format) }}
                    submit="Add campaign"
                    saveKey={saveKey}
                  />
                </div>
              ))}
            <AddForm
              intent="group"
              parent={{ name: "clientChannelId", value: clientChannel.id }}
              label="New campaign group"
              placeholder="Search — Brand"
              amount={{ name: "weeklyBudget", label: "Weekly budget", placeholder: formatGrouped(250_000, 2, format) }}
              submit="Add group"
              saveKey={saveKey}
            />
          </Card>
        ))}
    </div>
  );
}

/** Adds a group under a channel, or a campaign under a group. */
function AddForm(props: {
  intent: "group" | "campaign";
  parent: { name: string; value: string };
  label: string;
  placeholder: string;
  amount: { name: string; label: string; placeholder: string };
  submit: string;
  saveKey: string;
}) {
  return (
    <Form method="post" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="mutationId" value={props.saveKey} />
      <input type="hidden" name={props.parent.name} value={props.parent.value} />
      <Field label={props.label} className="min-w-48 flex-1">
        <Input name="name" required placeholder={props.placeholder} />
      </Field>
      <Field label={props.amount.label} className="w-32">
        <Input name={props.amount.name} inputMode="decimal" placeholder={props.amount.placeholder} />
      </Field>
      <Button type="submit" size="sm">
        {props.submit}
      </Button>
    </Form>
  );
}

/** Rename, set the amount (budget or target) and archive one group or campaign. */
function RowEditForm({
  intent,
  row,
  label,
  amount,
}: {
  intent: "group-update" | "campaign-update";
  row: { id: string; version: number; name: string; archived: boolean };
  label: string;
  amount: { name: string; label: string; value: string };
}) {
  return (
    <Form method="post" className="flex flex-1 flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="version" value={row.version} />
      <Field label={label} className="min-w-48 flex-1">
        <Input name="name" defaultValue={row.name} required />
      </Field>
      <Field label={amount.label} className="w-32">
        <Input name={amount.name} inputMode="decimal" defaultValue={amount.value} placeholder="none" />
      </Field>
      <label className="flex h-10 items-center gap-2 text-sm max-sm:h-11 max-sm:px-1">
        <input type="checkbox" name="archived" defaultChecked={row.archived} className="size-4" /> Archived
      </label>
      <Button type="submit" size="sm" variant="outline">
        Save
      </Button>
    </Form>
  );
}

function DeleteButton({
  entity,
  id,
  version,
  label,
}: {
  entity: "campaign" | "campaignGroup";
  id: string;
  version: number;
  label: string;
}) {
  return (
    <ActionButton
      fields={{ intent: "delete", entity, id, version }}
      variant="ghost"
      className="text-danger"
      aria-label={label}
    >
      Delete
    </ActionButton>
  );
}

/** Shown when a delete would take weekly numbers with it: the same request, confirmed. */
type PendingDelete = { entity: string; id: string; version: number };

function ConfirmDelete({ message, pending }: { message: string; pending: PendingDelete }) {
  return (
    <Card role="alertdialog" aria-label="Confirm delete" className="grid gap-3 border-danger/50">
      <p className="font-medium">{message}</p>
      <p className="text-sm text-muted-foreground">The deleted rows stay in the organization's audit log.</p>
      <Form method="post" className="flex gap-2">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="entity" value={pending.entity} />
        <input type="hidden" name="id" value={pending.id} />
        <input type="hidden" name="version" value={pending.version} />
        <input type="hidden" name="confirm" value="true" />
        <Button type="submit" className="bg-danger text-white hover:bg-danger/90">
          Delete with its numbers
        </Button>
        <Button asChild variant="outline">
          <Link to=".">Cancel</Link>
        </Button>
      </Form>
    </Card>
  );
}
