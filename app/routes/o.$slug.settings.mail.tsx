import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { Card } from "~/components/ui/card";
import { List, ListItem } from "~/components/ui/list";
import { timeAgo } from "~/lib/time-ago";
import { listSentMail } from "~/server/alert-runs.server";
import { requireOrgAccess, requirePermission } from "~/server/auth.server";
import type { SentMailKind } from "../../core/alerts";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Mail sent · Celerity" }];

const KIND_LABELS: Record<SentMailKind, string> = { alert: "Alert", digest: "Daily digest", summary: "Monday summary" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  return { mails: await listSentMail(context.cloudflare.env, org.id) };
}

/** Admins: the latest alert mails, digests and summaries this organization sent, each openable as sent. */
export default function SentMail() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="mail-heading">
      <BackLink to="..">Settings</BackLink>
      <h2 id="mail-heading" className="text-lg font-semibold">
        Mail sent
      </h2>
      {mails.length === 0 ? (
        <Card className="text-muted-foreground">
          No mail sent yet. Alerts go out as members chose; the Monday summary at 08:00 on Monday.
        </Card>
      ) : (
        <List aria-label="Mail sent, newest first">
          {mails.map((mail) => (
            <ListItem key={mail.id} className="flex-wrap items-start gap-2">
              <div className="min-w-0 flex-1">
                <Link to={String(mail.id)} className="font-medium text-primary underline-offset-4 hover:underline">
                  {mail.subject}
                </Link>
                <p className="text-sm text-muted-foreground">
                  {KIND_LABELS[mail.kind]} · to {mail.to} · {timeAgo(mail.sentAt)}
                </p>
              </div>
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
}
