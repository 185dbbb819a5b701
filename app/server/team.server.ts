/**
 * A team: members with an org role, and open invitations. Rules that must hold here: the last
 * admin can neither be removed nor demoted, and a change of access reaches the member's open
 * sockets at once.
 */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { OrgRole } from "../../core/permissions";
import { controlDb } from "../../db/control/database";
import { invitations, organizations, teamMembers, users } from "../../db/control/schema";
import { appUrl } from "./links.server";
import { actionMail, sendMail } from "./mail.server";
import { orgHub } from "./orgs.server";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

type OrgRef = { id: string; slug: string; name: string; regionHint: string | null };

export type TeamResult = { ok: true } | { ok: false; status: 404 | 409 | 422; field?: string; message: string };

export async function listTeam(env: Env, orgId: string, now = new Date()) {
  const db = controlDb(env.DB);
  const [members, pending] = await Promise.all([
    db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: teamMembers.role,
        joinedAt: teamMembers.createdAt,
      })
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

function invitationMail(env: Env, org: OrgRef, email: string, role: OrgRole) {
  // Signing in lands on /orgs, where the invitation is accepted or declined.
  const url = appUrl(env, "/login", { email, redirectTo: "/orgs" });
  const roleName = { admin: "an admin", account_manager: "an account manager", viewer: "a viewer" }[role];
  return actionMail(
    email,
    `You are invited to ${org.name} on Celerity`,
    [
      `Hello,`,
      `You have been invited to join ${org.name} on Celerity as ${roleName}.`,
      "Sign in with this email address to accept or decline it.",
    ],
    { label: `Join ${org.name}`, url },
    "The invitation is valid for 7 days. If you did not expect it, you can ignore this mail.",
  );
}

export async function inviteMember(
  env: Env,
  org: OrgRef,
  input: { email: string; role: OrgRole; invitedBy: string | null },
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
  const created = await db
    .insert(invitations)
    .values({
      orgId: org.id,
      email: input.email,
      role: input.role,
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!created)
    return {
      ok: false,
      status: 409,
      field: "email",
      message: "This person is already invited: resend the invitation instead",
    };
  await sendMail(env, invitationMail(env, org, input.email, input.role));
  return { ok: true };
}

export async function resendInvitation(
  env: Env,
  org: OrgRef,
  invitationId: string,
  now = new Date(),
): Promise<TeamResult> {
  const invitation = await controlDb(env.DB)
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
    .returning()
    .get();
  if (!invitation) return { ok: false, status: 404, message: "That invitation is no longer open" };
  await sendMail(env, invitationMail(env, org, invitation.email, invitation.role));
  return { ok: true };
}

export async function revokeInvitation(
  env: Env,
  orgId: string,
  invitationId: string,
  now = new Date(),
): Promise<TeamResult> {
  const revoked = await controlDb(env.DB)
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
    .returning({ id: invitations.id })
    .get();
  return revoked ? { ok: true } : { ok: false, status: 404, message: "That invitation is no longer open" };
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

export type AnswerResult = { ok: true; slug: string } | { ok: false; message: string };

/**
 * The invitee's answer on /orgs: only the person the invitation was sent to can give it, once,
 * while it is open. Accepting joins the org with the invited role (a member keeps their role).
 */
export async function answerInvitation(
  env: Env,
  user: { id: string; email: string },
  invitationId: string,
  accept: boolean,
  now = new Date(),
): Promise<AnswerResult> {
  const db = controlDb(env.DB);
  const answered = await db
    .update(invitations)
    .set(accept ? { acceptedAt: now } : { declinedAt: now })
    .where(and(eq(invitations.id, invitationId), eq(invitations.email, user.email), openInvitation(now)))
    .returning({ orgId: invitations.orgId, role: invitations.role })
    .get();
  if (!answered)
    return { ok: false, message: "That invitation is no longer open: it may have expired or been withdrawn" };
  const org = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, answered.orgId))
    .get();
  if (accept)
    await db
      .insert(teamMembers)
      .values({ orgId: answered.orgId, userId: user.id, role: answered.role })
      .onConflictDoNothing();
  return { ok: true, slug: org?.slug ?? "" };
}

/** One statement, so two admins demoting each other at once cannot leave the org without one. */
const keepsAnAdmin = (orgId: string) =>
  sql`(${teamMembers.role} != 'admin' or (
    select count(*) from ${teamMembers} where ${teamMembers.orgId} = ${orgId} and ${teamMembers.role} = 'admin'
  ) > 1)`;

const LAST_ADMIN = "An organization needs at least one admin: make someone else admin first";

export async function changeRole(env: Env, org: OrgRef, userId: string, role: OrgRole): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const demotion = role !== "admin" ? keepsAnAdmin(org.id) : sql`1`;
  const updated = await db
    .update(teamMembers)
    .set({ role, version: sql`${teamMembers.version} + 1` })
    .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, userId), demotion))
    .returning({ userId: teamMembers.userId })
    .get();
  if (!updated) return explainRefusal(env, org.id, userId);
  await orgHub(env, org.id, org.regionHint).updateMemberAccess(userId, role);
  return { ok: true };
}

export async function removeMember(env: Env, org: OrgRef, userId: string): Promise<TeamResult> {
  const db = controlDb(env.DB);
  const removed = await db
    .delete(teamMembers)
    .where(and(eq(teamMembers.orgId, org.id), eq(teamMembers.userId, userId), keepsAnAdmin(org.id)))
    .returning({ userId: teamMembers.userId })
    .get();
  if (!removed) return explainRefusal(env, org.id, userId);
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
