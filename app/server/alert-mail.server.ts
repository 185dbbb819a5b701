/**
 * The alerts' mails: one alert at once, the daily digest, the Monday summary. HTML as mail
 * clients render it (tables, inline styles, no stylesheet, no script) with a plain-text part
 * that says the same. Amounts in the org's number format; nothing said by colour alone.
 */
import { ALERT_KIND_LABELS, type AlertKind, alertPath } from "../../core/alerts";
import type { NumberFormat } from "../../core/decimal";
import { type Currency, formatMoneyShort } from "../../core/money";
import type { PacingBand } from "../../core/pacing";
import type { Verdict } from "../../core/poc";
import { PACING_WORDS, VERDICT_WORDS } from "../../core/poc-words";
import { computeRoasMilli, formatRoasTimes } from "../../core/roas";
import { escapeHtml, type Mail, oneLine } from "./mail.server";

export type MailAlert = {
  id: string;
  kind: AlertKind;
  clientId: string;
  clientChannelId: string | null;
  since: string;
  message: string;
};

export type MailOrg = { slug: string; name: string; numberFormat: NumberFormat; currency: Currency };

export type SummaryData = {
  asOf: string;
  pocs: {
    clientChannel: { id: string; clientId: string; clientName: string; channel: { name: string } };
    assessment: { verdict: Verdict; reason: string; roasMilli: number | null; targetRoasMilli: number | null };
    pacing: { monthToDate: { spendCents: number; budgetCents: number; band: PacingBand | null } };
  }[];
  clients: { id: string; name: string }[];
  lastWeek: { clientId: string; adSpendCents: number; salesCents: number; targetMilli: number | null }[];
  openAlerts: MailAlert[];
};

const FONT = "font-family:Arial,Helvetica,sans-serif;color:#1f2333";
const CELL = "padding:6px 10px;border-bottom:1px solid #e3e5ec;text-align:left;vertical-align:top;font-size:14px";
const HEAD = `${CELL};font-weight:bold;background:#f3f4f8`;
const LINK = "color:#3b3fc4;text-decoration:underline";
const CARD = "border:1px solid #e3e5ec;border-radius:8px";
const BUTTON =
  "display:inline-block;padding:10px 16px;background:#4f46e5;color:#ffffff;border-radius:6px;text-decoration:none";

/**
 * A table as mail clients want it: no spacing of its own, its width and style inline. Layout
 * tables say so (`presentation`), so screen readers read through them; data tables keep their role.
 */
const layoutTable = (width: string, style: string, role = ' role="presentation"') =>
  `<table${role} cellpadding="0" cellspacing="0" width="${width}" style="${style}">`;

/** One table of the mail: a heading row and the rows (cells already escaped HTML). */
function table(headings: string[], rows: string[][]): string {
  return `${layoutTable("100%", "border-collapse:collapse;margin:0 0 20px", "")}
<tr>${headings.map((h) => `<th scope="col" style="${HEAD}">${escapeHtml(h)}</th>`).join("")}</tr>
${rows.map((row) => `<tr>${row.map((cell) => `<td style="${CELL}">${cell}</td>`).join("")}</tr>`).join("\n")}
</table>`;
}

const link = (url: string, label: string) => `<a href="${escapeHtml(url)}" style="${LINK}">${escapeHtml(label)}</a>`;
const heading = (text: string) => `<h2 style="font-size:17px;margin:24px 0 8px">${escapeHtml(text)}</h2>`;
const paragraph = (text: string) => `<p style="margin:0 0 12px;font-size:14px">${escapeHtml(text)}</p>`;

/** The page around a mail's body: one centred column of 640px, as mail clients expect. */
function page(title: string, body: string, action: { label: string; url: string }, footer: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f6f7fb">
${layoutTable("100%", "background:#f6f7fb")}<tr><td align="center" style="padding:24px 12px">
${layoutTable("640", `max-width:640px;width:100%;background:#ffffff;${CARD}`)}
<tr><td style="padding:24px;${FONT}">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>
${body}
<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="${BUTTON}">${escapeHtml(action.label)}</a></p>
<p style="color:#5b5f6e;font-size:12px;margin:16px 0 0">${escapeHtml(footer)}</p>
</td></tr></table>
</td></tr></table>
</body></html>`;
}

function footer(origin: string, org: MailOrg): string {
  const choose = `${origin}/o/${org.slug}/alerts#mail`;
  return `You get this as a member of ${org.name} on Celerity. Choose which mails you get: ${choose}`;
}

const alertUrl = (origin: string, org: MailOrg, alert: MailAlert) => `${origin}/o/${org.slug}${alertPath(alert)}`;

function alertLines(origin: string, org: MailOrg, alerts: MailAlert[], names: Map<string, string>) {
  const text = alerts.map(
    (a) =>
      `- [${ALERT_KIND_LABELS[a.kind]}] ${names.get(a.clientId) ?? ""}: ${a.message}\n  ${alertUrl(origin, org, a)}`,
  );
  const html = table(
    ["Alert", "Client", "What happened", ""],
    alerts.map((a) => [
      escapeHtml(ALERT_KIND_LABELS[a.kind]),
      escapeHtml(names.get(a.clientId) ?? ""),
      escapeHtml(a.message),
      link(alertUrl(origin, org, a), "Act on it"),
    ]),
  );
  return { text, html };
}

/** New alerts, for a member who chose "at once". */
export function instantAlertMail(
  origin: string,
  org: MailOrg,
  to: string,
  alerts: MailAlert[],
  names: Map<string, string>,
): Mail {
  const title = alerts.length === 1 ? `Alert: ${alerts[0]!.message}` : `${alerts.length} new alerts in ${org.name}`;
  const lines = alertLines(origin, org, alerts, names);
  const inbox = `${origin}/o/${org.slug}/alerts`;
  return {
    to,
    subject: oneLine(`${title} · ${org.name}`).slice(0, 200),
    text: [title, "", ...lines.text, "", `All alerts: ${inbox}`, "", footer(origin, org)].join("\n"),
    html: page(title, lines.html, { label: "Open the alerts", url: inbox }, footer(origin, org)),
  };
}

/** The day's open alerts, for a member who chose the daily digest. */
export function digestMail(
  origin: string,
  org: MailOrg,
  to: string,
  day: string,
  alerts: MailAlert[],
  names: Map<string, string>,
): Mail {
  const title = `${alerts.length} open ${alerts.length === 1 ? "alert" : "alerts"} in ${org.name}`;
  const lines = alertLines(origin, org, alerts, names);
  const inbox = `${origin}/o/${org.slug}/alerts`;
  return {
    to,
    subject: oneLine(`${title} · ${day}`),
    text: [title, `As of ${day}.`, "", ...lines.text, "", `All alerts: ${inbox}`, "", footer(origin, org)].join("\n"),
    html: page(
      title,
      paragraph(`As of ${day}.`) + lines.html,
      { label: "Open the alerts", url: inbox },
      footer(origin, org),
    ),
  };
}

/** Monday at 08:00: verdicts, last week against target per client, pacing, open alerts, links. */
export function summaryMail(origin: string, org: MailOrg, to: string, data: SummaryData): Mail {
  const format = org.numberFormat;
  const money = (cents: number) => formatMoneyShort(cents, format, org.currency);
  const times = (milli: number | null) => formatRoasTimes(milli, format);
  const base = `${origin}/o/${org.slug}`;
  const title = `Monday summary: ${org.name}, week of ${data.asOf}`;
  const names = new Map(data.clients.map((c) => [c.id, c.name]));
  const text: string[] = [title, ""];
  let html = "";

  text.push("POC verdicts");
  html += heading("POC verdicts");
  if (data.pocs.length === 0) {
    text.push("No POCs running.");
    html += paragraph("No POCs running.");
  } else {
    const rows = data.pocs.map((p) => ({
      name: `${p.clientChannel.clientName} on ${p.clientChannel.channel.name}`,
      verdict: VERDICT_WORDS[p.assessment.verdict],
      roas: `${times(p.assessment.roasMilli)} vs ${times(p.assessment.targetRoasMilli)} target`,
      url: `${base}/pocs/${p.clientChannel.id}`,
      reason: p.assessment.reason,
    }));
    for (const r of rows) text.push(`- ${r.name}: ${r.verdict}. ${r.reason}\n  ${r.url}`);
    html += table(
      ["POC", "Verdict", "ROAS", ""],
      rows.map((r) => [
        escapeHtml(r.name),
        `<strong>${escapeHtml(r.verdict)}</strong>`,
        escapeHtml(r.roas),
        link(r.url, "Open"),
      ]),
    );
  }

  text.push("", `Last week (${data.asOf}) against target`);
  html += heading(`Last week (${data.asOf}) against target`);
  const totals = new Map(data.lastWeek.map((t) => [t.clientId, t]));
  const clientRows = data.clients.map((c) => {
    const t = totals.get(c.id);
    const roas = t ? computeRoasMilli(t.adSpendCents, t.salesCents) : null;
    const verdict = !t
      ? "No numbers"
      : roas === null || t.targetMilli === null
        ? "No target"
        : roas >= t.targetMilli
          ? "On target"
          : "Below target";
    return {
      name: c.name,
      spend: t ? money(t.adSpendCents) : "—",
      sales: t ? money(t.salesCents) : "—",
      roas: times(roas),
      target: times(t?.targetMilli ?? null),
      verdict,
      url: `${base}/clients/${c.id}`,
    };
  });
  if (clientRows.length === 0) {
    text.push("No clients yet.");
    html += paragraph("No clients yet.");
  }
  for (const r of clientRows)
    text.push(`- ${r.name}: spend ${r.spend}, sales ${r.sales}, ROAS ${r.roas} vs ${r.target} target: ${r.verdict}`);
  if (clientRows.length > 0)
    html += table(
      ["Client", "Spend", "Sales", "ROAS", "Target", ""],
      clientRows.map((r) => [
        link(r.url, r.name),
        escapeHtml(r.spend),
        escapeHtml(r.sales),
        escapeHtml(r.roas),
        escapeHtml(r.target),
        `<strong>${escapeHtml(r.verdict)}</strong>`,
      ]),
    );

  text.push("", "Pacing, month to date");
  html += heading("Pacing, month to date");
  const paced = data.pocs.filter((p) => p.pacing.monthToDate.band !== null);
  if (paced.length === 0) {
    text.push("No budgets set.");
    html += paragraph("No budgets set.");
  } else {
    const rows = paced.map((p) => ({
      name: `${p.clientChannel.clientName} on ${p.clientChannel.channel.name}`,
      spent: `${money(p.pacing.monthToDate.spendCents)} of ${money(p.pacing.monthToDate.budgetCents)}`,
      band: PACING_WORDS[p.pacing.monthToDate.band!],
    }));
    for (const r of rows) text.push(`- ${r.name}: ${r.spent}, ${r.band}`);
    html += table(
      ["POC", "Spent of budget", "Pace"],
      rows.map((r) => [escapeHtml(r.name), escapeHtml(r.spent), `<strong>${escapeHtml(r.band)}</strong>`]),
    );
  }

  text.push("", `Open alerts (${data.openAlerts.length})`);
  html += heading(`Open alerts (${data.openAlerts.length})`);
  if (data.openAlerts.length === 0) {
    text.push("None: nothing needs attention.");
    html += paragraph("None: nothing needs attention.");
  } else {
    const lines = alertLines(origin, org, data.openAlerts, names);
    text.push(...lines.text);
    html += lines.html;
  }

  text.push("", `The dashboard: ${base}`, "", footer(origin, org));
  return {
    to,
    subject: oneLine(`Monday summary · ${org.name} · week of ${data.asOf}`),
    text: text.join("\n"),
    html: page(title, html, { label: "Open the dashboard", url: base }, footer(origin, org)),
  };
}
