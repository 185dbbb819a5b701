/**
 * Alerts by email, and the hourly run (the Worker's Cron Trigger) that sends what is due: the
 * "at once" mail of alerts a write opened, each member's daily digest at 08:00 org time, the
 * Monday summary at 08:00 on Monday. Every mail is kept as sent (`sent_mail`); its unique key
 * (member, kind, period) is what makes a repeated run send nothing twice.
 */
import { and, asc, desc, eq } from "drizzle-orm";
import { type AlertMail, scheduleAt, type SentMailKind } from "../../core/alerts";
import { type Scope, seesClient } from "../../core/permissions";
import { lastCompleteWeek } from "../../core/weeks";
import { controlDb } from "../../db/control/database";
import { orgSummaryColumns } from "../../db/control/queries";
import { organizations, sentMail, teamMembers, users } from "../../db/control/schema";
import { digestMail, instantAlertMail, type MailAlert, type MailOrg, summaryMail } from "./alert-mail.server";
import { type Mail, sendMail } from "./mail.server";
import { orgHub } from "./orgs.server";

/** An org as the session and the API token already read it (`orgSummaryColumns`). */
type RunOrg = MailOrg & { id: string; regionHint: string | null; timeZone: string };

type MailMember = Scope & { userId: string; email: string; alertMail: AlertMail; summaryMail: boolean };

function mailMembers(env: Env, orgId: string): Promise<MailMember[]> {
  return controlDb(env.DB)
    .select({
      userId: teamMembers.userId,
      email: users.email,
      role: teamMembers.role,
      clients: teamMembers.clients,
      alertMail: teamMembers.alertMail,
      summaryMail: teamMembers.summaryMail,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teamMembers.orgId, orgId))
    .all();
}

/**
 * Sends a mail unless this member's mail of this kind and period was already sent: the row is
 * written first (the unique key decides), and taken back if the sending fails so a later run
 * tries again. True when it was sent now.
 */
async function sendOnce(
  env: Env,
  key: { orgId: string; userId: string; kind: SentMailKind; period: string },
  mail: Mail,
): Promise<boolean> {
  const db = controlDb(env.DB);
  const [claimed] = await db
    .insert(sentMail)
    .values({ ...key, ...mail, sentAt: Date.now() })
    .onConflictDoNothing()
    .returning({ id: sentMail.id });
  if (!claimed) return false;
  try {
    await sendMail(env, mail);
    return true;
  } catch (error) {
    await db.delete(sentMail).where(eq(sentMail.id, claimed.id));
    throw error;
  }
}

const visibleTo = <A extends MailAlert>(member: MailMember, alerts: A[]) =>
  alerts.filter((a) => seesClient(member, a.clientId));

async function clientNames(hub: ReturnType<typeof orgHub>) {
  return new Map((await hub.listClients()).map((c) => [c.id, c.name]));
}

/** Mails the alerts a write opened to the members who chose "at once" and may see them. */
export async function mailNewAlerts(env: Env, org: RunOrg): Promise<number> {
  const hub = orgHub(env, org.id, org.regionHint);
  const alerts = await hub.claimNewAlerts();
  if (alerts.length === 0) return 0;
  const [members, names] = await Promise.all([mailMembers(env, org.id), clientNames(hub)]);
  let sent = 0;
  for (const member of members.filter((m) => m.alertMail === "instant")) {
    const theirs = visibleTo(member, alerts);
    if (theirs.length === 0) continue;
    // The alerts' ids and openings name the mail: the same opening is never mailed twice.
    const period = theirs.map((a) => `${a.id}@${a.openedAt}`).join(",");
    const mail = instantAlertMail(env.APP_ORIGIN, org, member.email, theirs, names);
    if (await sendOnce(env, { orgId: org.id, userId: member.userId, kind: "alert", period }, mail)) sent++;
  }
  return sent;
}

/**
 * After a write that opened alerts: their "at once" mail goes out once the answer has (the
 * hourly run sends any this misses).
 */
export function mailAfterWrite(
  env: Env,
  ctx: Pick<ExecutionContext, "waitUntil">,
  org: RunOrg,
  alertsOpened: number,
): void {
  if (alertsOpened <= 0) return;
  ctx.waitUntil(mailNewAlerts(env, org).catch((error) => console.error("alert mail", error)));
}

export type RunReport = { orgs: number; alertsChanged: number; mailed: number; failed: string[] };

/** One org's hour: its alerts judged again, then what it owes its members by mail. */
async function runOneOrg(env: Env, org: RunOrg, at: Date): Promise<{ alertsChanged: number; mailed: number }> {
  const hub = orgHub(env, org.id, org.regionHint);
  const judged = await hub.runAlerts(at.getTime(), org.timeZone, { format: org.numberFormat, currency: org.currency });
  let mailed = await mailNewAlerts(env, org);
  const due = scheduleAt(at, org.timeZone);
  if (!due.digest && !due.summary) return { alertsChanged: judged.changed, mailed };
  const [members, summary] = await Promise.all([
    mailMembers(env, org.id),
    hub.summary(lastCompleteWeek(at), at.getTime()),
  ]);
  const names = new Map(summary.clients.map((c) => [c.id, c.name]));
  for (const member of members) {
    const alerts = visibleTo(member, summary.openAlerts);
    if (due.digest && member.alertMail === "daily" && alerts.length > 0) {
      const mail = digestMail(env.APP_ORIGIN, org, member.email, due.digest, alerts, names);
      if (await sendOnce(env, { orgId: org.id, userId: member.userId, kind: "digest", period: due.digest }, mail))
        mailed++;
    }
    if (due.summary && member.summaryMail) {
      const sees = (clientId: string) => seesClient(member, clientId);
      const mail = summaryMail(env.APP_ORIGIN, org, member.email, {
        asOf: summary.asOf,
        pocs: summary.pocs.filter((p) => sees(p.clientChannel.clientId)),
        clients: summary.clients.filter((c) => sees(c.id)),
        lastWeek: summary.lastWeek.filter((t) => sees(t.clientId)),
        openAlerts: alerts,
      });
      if (await sendOnce(env, { orgId: org.id, userId: member.userId, kind: "summary", period: due.summary }, mail))
        mailed++;
    }
  }
  return { alertsChanged: judged.changed, mailed };
}

/**
 * The hourly run over every ready org. One org failing (its object unreachable, a mail refused)
 * is reported and does not stop the others; its next run makes it up.
 */
export async function runScheduled(env: Env, at: Date): Promise<RunReport> {
  const orgs = await controlDb(env.DB)
    .select({ ...orgSummaryColumns })
    .from(organizations)
    .where(eq(organizations.state, "ready"))
    .orderBy(asc(organizations.id))
    .all();
  const report: RunReport = { orgs: orgs.length, alertsChanged: 0, mailed: 0, failed: [] };
  for (const org of orgs) {
    try {
      const done = await runOneOrg(env, org, at);
      report.alertsChanged += done.alertsChanged;
      report.mailed += done.mailed;
    } catch (error) {
      console.error(`scheduled run, org ${org.slug}`, error);
      report.failed.push(org.slug);
    }
  }
  return report;
}

/** The mails an org sent (newest first), for its admins; one with its full text and HTML. */
export function listSentMail(env: Env, orgId: string, limit = 100) {
  return controlDb(env.DB)
    .select({
      id: sentMail.id,
      kind: sentMail.kind,
      period: sentMail.period,
      to: sentMail.to,
      subject: sentMail.subject,
      sentAt: sentMail.sentAt,
    })
    .from(sentMail)
    .where(eq(sentMail.orgId, orgId))
    .orderBy(desc(sentMail.sentAt), desc(sentMail.id))
    .limit(limit)
    .all();
}

export function getSentMail(env: Env, orgId: string, id: number) {
  return controlDb(env.DB)
    .select()
    .from(sentMail)
    .where(and(eq(sentMail.orgId, orgId), eq(sentMail.id, id)))
    .get();
}

/** A member's mail choices for one org. */
export async function setMailChoices(
  env: Env,
  orgId: string,
  userId: string,
  choices: { alertMail: AlertMail; summaryMail: boolean },
): Promise<void> {
  await controlDb(env.DB)
    .update(teamMembers)
    .set(choices)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)));
}

export async function getMailChoices(env: Env, orgId: string, userId: string) {
  return controlDb(env.DB)
    .select({ alertMail: teamMembers.alertMail, summaryMail: teamMembers.summaryMail })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .get();
}
