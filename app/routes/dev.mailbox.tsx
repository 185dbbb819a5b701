import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { MailFrame } from "~/components/mail-preview";
import { Card } from "~/components/ui/card";
import { notFound } from "~/server/auth.server";
import { devMailboxEnabled, listDevMailbox } from "~/server/mail.server";
import type { RouteHandle } from "../../core/permissions";

export const handle = { access: { loader: "dev" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Dev mailbox · Celerity" }];

/** Local development only: the mail the app sent, newest first. 404 unless DEV_MAILBOX is set. */
export async function loader({ context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  if (!devMailboxEnabled(env)) throw notFound();
  return { mails: await listDevMailbox(env) };
}

const URL_PATTERN = /(https?:\/\/[^\s]+)/g;

function Linkified({ text }: { text: string }) {
  return (
    <>
      {text.split(URL_PATTERN).map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, never reordered
            key={i}
            href={part}
            className="break-all font-medium text-primary underline"
          >
            {part}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed text, never reordered
          <span key={i}>{part}</span>
        ),
      )}
    </>
  );
}

export default function DevMailbox() {
  const { mails } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  // New mail shows up without reloading: look again every 2 seconds.
  useEffect(() => {
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [revalidator]);
  return (
    <main className="mx-auto grid max-w-3xl gap-4 px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Dev mailbox</h1>
      <p className="text-sm text-muted-foreground">
        Mail sent by this local app, newest first. Also as JSON at /dev/mailbox.json.
      </p>
      {mails.length === 0 ? <Card className="text-muted-foreground">No mail yet. Ask for a sign-in link.</Card> : null}
      {mails.map((mail) => (
        <Card key={mail.id} className="grid gap-2" data-testid="mail">
          <div className="flex flex-wrap justify-between gap-2 text-sm text-muted-foreground">
            <span>To {mail.to}</span>
            <time dateTime={new Date(mail.sentAt).toISOString()}>{new Date(mail.sentAt).toLocaleString()}</time>
          </div>
          <h2 className="font-semibold">{mail.subject}</h2>
          <pre className="whitespace-pre-wrap font-sans text-sm">
            <Linkified text={mail.text} />
          </pre>
          <details>
            <summary className="cursor-pointer text-sm font-medium">As HTML</summary>
            <MailFrame subject={mail.subject} html={mail.html} />
          </details>
        </Card>
      ))}
    </main>
  );
}
