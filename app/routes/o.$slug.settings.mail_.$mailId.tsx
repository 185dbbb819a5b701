import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { BackLink } from "~/components/back-link";
import { MailPreview } from "~/components/mail-preview";
import { getSentMail } from "~/server/alert-runs.server";
import { notFound, requireOrgAccess, requirePermission } from "~/server/auth.server";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "org.settings" } } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.mail.subject} · Celerity` : "Mail · Celerity" },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org, scope } = await requireOrgAccess(request, context, params.slug);
  requirePermission(scope, handle.access.loader);
  const id = Number(params.mailId);
  const mail = Number.isSafeInteger(id) ? await getSentMail(context.cloudflare.env, org.id, id) : undefined;
  if (!mail) throw notFound();
  const { subject, to, html, text, sentAt } = mail;
  return { mail: { subject, to, html, text, sentAt } };
}

/** One mail exactly as it was sent. */
export default function SentMailView() {
  const { mail } = useLoaderData<typeof loader>();
  return (
    <section className="grid max-w-3xl gap-4" aria-labelledby="mail-heading">
      <BackLink to="..">Mail sent</BackLink>
      <h2 id="mail-heading" className="text-lg font-semibold">
        {mail.subject}
      </h2>
      <p className="text-sm text-muted-foreground">
        To {mail.to} · sent{" "}
        <time dateTime={new Date(mail.sentAt).toISOString()}>{new Date(mail.sentAt).toUTCString()}</time>
      </p>
      <MailPreview subject={mail.subject} html={mail.html} text={mail.text} />
    </section>
  );
}
