import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { notFound } from "~/server/auth.server";
import { devMailboxEnabled, listDevMailbox } from "~/server/mail.server";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "dev" } } satisfies RouteHandle;

/** `/dev/mailbox.json`: the same list for scripts and tests (latest first). 404 unless DEV_MAILBOX. */
export async function loader({ context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  if (!devMailboxEnabled(env)) throw notFound();
  const mails = await listDevMailbox(env);
  return Response.json(
    mails.map(({ to, subject, text, html, sentAt }) => ({
      to,
      subject,
      text,
      html,
      sentAt: new Date(sentAt).toISOString(),
    })),
    { headers: { "Cache-Control": "no-store" } },
  );
}
