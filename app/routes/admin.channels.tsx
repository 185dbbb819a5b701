import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { channelSchema, fieldErrors } from "../../core/control-forms";
import { requirePlatformAdmin } from "~/server/auth.server";
import { addChannel, listChannels } from "~/server/channels.server";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "platform", action: "platform" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Channels · Platform admin · Celerity" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request, context);
  return { channels: await listChannels(context.cloudflare.env) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requirePlatformAdmin(request, context);
  const parsed = channelSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), added: null }, { status: 422 });
  const added = await addChannel(context.cloudflare.env, parsed.data);
  if (!added)
    return data(
      { errors: { slug: "A channel with this slug exists" } as Record<string, string>, added: null },
      { status: 409 },
    );
  return { errors: {} as Record<string, string>, added: added.name };
}

/** The shared channel lookup every org picks from (Google Ads, Meta Ads, …). */
export default function AdminChannels() {
  const { channels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <main className="mx-auto grid max-w-3xl gap-6 px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Ad channels</h1>
      {result?.added ? (
        <p role="status" className="rounded-md border border-success/40 bg-success/10 px-3 py-2 text-sm">
          {`Added ${result.added}. Organizations can enable it for their clients now.`}
        </p>
      ) : null}
      <ul className="grid gap-2 sm:grid-cols-2">
        {channels.map((channel) => (
          <li key={channel.id} className="flex items-center gap-2 rounded-md border border-border bg-card p-3">
            {channel.iconUrl ? <img src={channel.iconUrl} alt="" width={20} height={20} /> : null}
            <span className="font-medium">{channel.name}</span>
            <span className="ml-auto text-xs text-muted-foreground">{channel.slug}</span>
          </li>
        ))}
      </ul>
      <Card>
        <Form method="post" className="grid gap-4 sm:grid-cols-3 sm:items-start">
          <Field label="Name" error={errors.name}>
            <Input name="name" required placeholder="Reddit Ads" />
          </Field>
          <Field label="Slug" error={errors.slug}>
            <Input name="slug" required placeholder="reddit-ads" />
          </Field>
          <Field label="Icon URL (optional)" error={errors.iconUrl}>
            <Input name="iconUrl" placeholder="https://…/icon.svg" />
          </Field>
          <div>
            <Button type="submit" disabled={busy}>
              Add channel
            </Button>
          </div>
        </Form>
      </Card>
    </main>
  );
}
