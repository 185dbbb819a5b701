/**
 * Outgoing mail through the `send_email` binding. With DEV_MAILBOX set (local .dev.vars only), a
 * copy is kept in D1 and shown at /dev/mailbox, because local `send_email` delivers nothing.
 */
import { desc } from "drizzle-orm";
import { controlDb } from "../../db/control/database";
import { devMailbox } from "../../db/control/schema";

export type Mail = { to: string; subject: string; text: string; html: string };

export function devMailboxEnabled(env: Env): boolean {
  return Boolean(env.DEV_MAILBOX);
}

export async function sendMail(env: Env, mail: Mail): Promise<void> {
  await env.EMAIL.send({ from: { email: env.MAIL_FROM, name: "Celerity" }, ...mail });
  if (devMailboxEnabled(env)) {
    await controlDb(env.DB)
      .insert(devMailbox)
      .values({ ...mail, sentAt: new Date() });
  }
}

export function listDevMailbox(env: Env, limit = 50) {
  return controlDb(env.DB).select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(limit).all();
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A header value on one line: names are refused with line breaks, but one stored before that
 * rule must still not add a header (a `Bcc:`) to the mail.
 */
export const oneLine = (value: string) => value.replace(/\p{Cc}+/gu, " ");

const BUTTON_STYLE =
  "display:inline-block;padding:10px 16px;background:#4f46e5;color:#fff;border-radius:6px;text-decoration:none";

/** A mail with one call to action, as plain text and as simple HTML. */
export function actionMail(
  to: string,
  subject: string,
  lines: string[],
  action: { label: string; url: string },
  footer: string,
): Mail {
  subject = oneLine(subject);
  const text = [...lines, "", `${action.label}: ${action.url}`, "", footer].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1f2333">
${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("\n")}
<p><a href="${escapeHtml(action.url)}" style="${BUTTON_STYLE}">${escapeHtml(action.label)}</a></p>
<p style="color:#667;font-size:13px">${escapeHtml(footer)}</p>
</body></html>`;
  return { to, subject, text, html };
}
