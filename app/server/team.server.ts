/**
 * A team: members with an org role (or limited to chosen clients, with a role on each), and open
 * invitations. Rules that must hold here: the last admin can neither be removed nor demoted, a
 * change of access reaches the member's open sockets at once, and every change is audited in the
 * same D1 batch as the change itself.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { ClientGrants, OrgRole, Scope } from "../../core/permissions";
import { type AuditActor, auditIfChanged } from "./audit.server";
import { controlDb } from "../../db/control/database";
import { invitations, organizations, teamMembers, users } from "../../db/control/schema";
import { appUrl } from "./links.server";
import { actionMail, sendMail } from "./mail.server";
import { orgHub } from "./orgs.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type OrgRef = { id: string; slug: string; name: string; regionHint: string | null };

export type TeamResult = { ok: true } | { ok: false; status: 404 | 409 | 422; field?: string; message: string };

/** What the team pages show of a member. */
const memberColumns = {
  userId: users.id,
  email: users.email,
  name: users.name,
  role: teamMembers.role,
  clients: teamMembers.clients,
};

export async function listTeam(env: Env, orgId: string, now = new Date()) {
  const db = controlDb(env.DB);
  const [members, pending] = await Promise.all([
    db
      .select({ ...memberColumns, joinedAt: teamMembers.createdAt })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.orgId, orgId))
      .orderBy(asc(users.email))
      .all(),
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        clients: invitations.clients,
        expiresAt: invitations.expiresAt,
        declinedAt: invitations.declinedAt,
      })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .orderBy(asc(invitations.email))
      .all(),
  ]);
  return { members, invitations: pending.map((i) => ({ ...i, expired: i.expiresAt <= now })) };
}

/** What an invitation offers: a role in the org, or (a client portal) a look at some clients. */
export type Invited = { role: OrgRole; clients: ClientGrants | null; clientNames?: string[] };

function invitationMail(env: Env, org: OrgRef, email: string, invited: Invited) {
  // Signing in lands on /orgs, where the invitation is accepted or declined.
  const url = appUrl(env, "/login", { email, redirectTo: "/orgs" });
  const roleName = { admin: "an admin", account_manager: "an account manager", viewer: "a viewer" }[invited.role];
  const offer =
    invited.clients === null
      ? `You have been invited to join ${org.name} on Celerity as ${roleName}.`
      : `${org.name} invites you to follow ${invited.clientNames?.join(", ") || "your account"} on Celerity: ` +
        "the weekly numbers, charts and test verdicts, as they are entered.";
  return actionMail(
    email,
    `You are invited to ${org.name} on Celerity`,
    [`Hello,`, offer, "Sign in with this email address to accept or decline it."],
    { label: `Join ${org.name}`, url },
    "The invitation is valid for 7 days. If you did not expect it, you can ignore this mail.",
  );
}

/** Invites a person by email: to the org with a role, or (a client portal) to see some clients. */
export async function inviteMember(
  env: Env,
  org: OrgRef,
  input: { email: string; invitedBy: string | null } & Invited,
  by: AuditActor,
  now = new Date(),
): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const member = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(teamMembers, and(eq(teamMembers.userId, users.id), eq(teamMembers.orgId, org.id)))
    .where(eq(users.email, input.email))
    .get();
  if (member) return { ok: false, status: 409, field: "email", message: "This person is already a member" };
  // An expired open invitation is replaced; a live one is resent instead of duplicated.
  await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.orgId, org.id),
        eq(invitations.email, input.email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        sql`${invitations.expiresAt} <= ${now.getTime()}`,
      ),
    );
  const offered = { role: input.clients === null ? input.role : "viewer", clients: input.clients } as const;
  const [inserted] = await db.batch([
    db
      .insert(invitations)
      .values({
        orgId: org.id,
        email: input.email,
        ...offered,
        invitedBy: input.invitedBy,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      })
      .onConflictDoNothing()
      .returning(),
    auditIfChanged(db, org.id, by, {
      action: "invitation.sent",
      entity: "invitation",
      after: { email: input.email, ...offered },
    }),
  ]);
  if (inserted.length === 0)
    return {
      ok: false,
      status: 409,
      field: "email",
      message: "This person is already invited: resend the invitation instead",
    };
  await sendMail(env, invitationMail(env, org, input.email, { ...input, ...offered }));
  return { ok: true };
}

export async function resendInvitation(
  env: Env,
  org: OrgRef,
  invitationId: string,
  by: AuditActor,
  now = new Date(),
): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const [updated] = await db.batch([
    db
      .update(invitations)
      .set({ expiresAt: new Date(now.getTime() + INVITATION_TTL_MS), declinedAt: null })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.orgId, org.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning(),
    auditIfChanged(db, org.id, by, { action: "invitation.resent", entity: "invitation", entityId: invitationId }),
  ]);
  const invitation = updated[0];
  if (!invitation) return { ok: false, status: 404, message: "That invitation is no longer open" };
  await sendMail(env, invitationMail(env, org, invitation.email, invitation));
  return { ok: true };
}

export async function revokeInvitation(
  env: Env,
  orgId: string,
  invitationId: string,
  by: AuditActor,
  now = new Date(),
): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const [revoked] = await db.batch([
    db
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.orgId, orgId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id }),
    auditIfChanged(db, orgId, by, { action: "invitation.revoked", entity: "invitation", entityId: invitationId }),
  ]);
  return revoked.length > 0 ? { ok: true } : { ok: false, status: 404, message: "That invitation is no longer open" };
}

/** Open invitations to the user's email, with the inviting org, for /orgs to ask about. */
export function listOpenInvitations(env: Env, email: string, now = new Date()) {
  return controlDb(env.DB)
    .select({
      id: invitations.id,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      org: { name: organizations.name, slug: organizations.slug },
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .where(and(eq(invitations.email, email), openInvitation(now)))
    .orderBy(asc(organizations.name))
    .all();
}

const openInvitation = (now: Date) =>
  and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    isNull(invitations.declinedAt),
    gt(invitations.expiresAt, now),
  );

export type AnswerResult = { ok: true; slug: string; landing: string } | { ok: false; message: string };

/**
 * The invitee's answer on /orgs: only the person the invitation was sent to can give it, once,
 * while it is open. Accepting joins the org with the invited role (a member keeps their role);
 * a client portal invitation lands on its client.
 */
export async function answerInvitation(
  env: Env,
  user: { id: string; email: string },
  invitationId: string,
  accept: boolean,
  by: AuditActor,
  now = new Date(),
): Promise<AnswerResult> {
  const db = controlDb(env.DB);
  const [answered] = await db.batch([
    db
      .update(invitations)
      .set(accept ? { acceptedAt: now } : { declinedAt: now })
      .where(and(eq(invitations.id, invitationId), eq(invitations.email, user.email), openInvitation(now)))
      .returning({ orgId: invitations.orgId, role: invitations.role, clients: invitations.clients }),
    auditIfChanged(
      db,
      sql`(select ${invitations.orgId} from ${invitations} where ${invitations.id} = ${invitationId})`,
      by,
      {
        action: accept ? "invitation.accepted" : "invitation.declined",
        entity: "invitation",
        entityId: invitationId,
      },
    ),
  ]);
  const invitation = answered[0];
  if (!invitation)
    return { ok: false, message: "That invitation is no longer open: it may have expired or been withdrawn" };
  const org = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, invitation.orgId))
    .get();
  const slug = org?.slug ?? "";
  if (!accept) return { ok: true, slug, landing: "/orgs" };
  await db
    .insert(teamMembers)
    .values({ orgId: invitation.orgId, userId: user.id, role: invitation.role, clients: invitation.clients })
    .onConflictDoNothing();
  const only = invitation.clients && Object.keys(invitation.clients);
  return { ok: true, slug, landing: only?.length === 1 ? `/o/${slug}/clients/${only[0]}` : `/o/${slug}` };
}

/** One statement, so two admins demoting each other at once cannot leave the org without one. */
const keepsAnAdmin = (orgId: string) =>
  sql`(${teamMembers.role} != 'admin' or (
    select count(*) from ${teamMembers} where ${teamMembers.orgId} = ${orgId} and ${teamMembers.role} = 'admin'
  ) > 1)`;

const LAST_ADMIN = "An organization needs at least one admin: make someone else admin first";

/**
 * Sets a member's access: an org role over every client, or (`clients`) only chosen clients with
 * a role on each, stored with the org role `viewer`. Their open sockets are re-scoped at once.
 */
export async function changeAccess(
  env: Env,
  org: OrgRef,
  userId: string,
  access: Scope,
  by: AuditActor,
): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const before = await db
    .select({ role: teamMembers.role, clients: teamMembers.clients, version: teamMembers.version })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, userId)))
    .get();
  if (!before) return { ok: false, status: 404, message: "That person is not a member" };
  const after = { role: access.clients === null ? access.role : "viewer", clients: access.clients } as const;
  const demotion = after.role !== "admin" ? keepsAnAdmin(org.id) : sql`1`;
  const [updated] = await db.batch([
    db
      .update(teamMembers)
      .set({ ...after, version: sql`${teamMembers.version} + 1` })
      .where(
        and(
          eq(teamMembers.orgId, org.id),
          eq(teamMembers.userId, userId),
          eq(teamMembers.version, before.version),
          demotion,
        ),
      )
      .returning({ userId: teamMembers.userId }),
    auditIfChanged(db, org.id, by, {
      action: "member.access_changed",
      entity: "member",
      entityId: userId,
      before: { role: before.role, clients: before.clients },
      after,
    }),
  ]);
  if (updated.length === 0) return explainRefusal(env, org.id, userId);
  await orgHub(env, org.id, org.regionHint).updateMemberAccess(userId, after);
  return { ok: true };
}

export async function removeMember(env: Env, org: OrgRef, userId: string, by: AuditActor): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const [removed] = await db.batch([
    db
      .delete(teamMembers)
      .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, userId), keepsAnAdmin(org.id)))
      .returning({ userId: teamMembers.userId, role: teamMembers.role, clients: teamMembers.clients }),
    auditIfChanged(db, org.id, by, { action: "member.removed", entity: "member", entityId: userId }),
  ]);
  if (removed.length === 0) return explainRefusal(env, org.id, userId);
  await orgHub(env, org.id, org.regionHint).updateMemberAccess(userId, null);
  return { ok: true };
}

async function explainRefusal(env: Env, orgId: string, userId: string): Promise<TeamResult> {
  const member = await controlDb(env.DB)
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .get();
  if (!member) return { ok: false, status: 404, message: "That person is not a member" };
  return { ok: false, status: 409, message: LAST_ADMIN };
}

/** One member of the org, for their page; null when the person is not a member. */
export async function getMember(env: Env, orgId: string, userId: string) {
  const member = await controlDb(env.DB)
    .select(memberColumns)
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.orgId, orgId), eq(teamMembers.userId, userId)))
    .get();
  return member ?? null;
}
