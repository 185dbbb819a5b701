/** Reads and writes of the control plane that more than one caller needs. */
import { asc, eq, sql } from "drizzle-orm";
import type { ControlDb } from "./database";
import type { OrgRole } from "../../core/permissions";
import { channels, organizations, teamMembers } from "./schema";

export function getOrgBySlug(db: ControlDb, slug: string) {
  return db.select().from(organizations).where(eq(organizations.slug, slug)).get();
}

export function listChannels(db: ControlDb) {
  return db
    .select({ id: channels.id, slug: channels.slug, name: channels.name, iconUrl: channels.iconUrl })
    .from(channels)
    .orderBy(asc(channels.name))
    .all();
}

/** What lists of organizations show. */
export const orgSummaryColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  state: organizations.state,
  stateReason: organizations.stateReason,
  regionHint: organizations.regionHint,
  numberFormat: organizations.numberFormat,
  timeZone: organizations.timeZone,
  currency: organizations.currency,
  /** The logo itself is read only by its own route, not with every request's session. */
  hasLogo: sql<boolean>`${organizations.logo} is not null`.mapWith(Boolean),
};

/** The organizations a user belongs to, with their role in each, by name. */
export function listMemberships(db: ControlDb, userId: string) {
  return db
    .select({ ...orgSummaryColumns, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(organizations, eq(organizations.id, teamMembers.orgId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(organizations.name))
    .all();
}

export async function addMember(db: ControlDb, orgId: string, userId: string, role: OrgRole): Promise<void> {
  await db
    .insert(teamMembers)
    .values({ orgId, userId, role })
    .onConflictDoUpdate({ target: [teamMembers.orgId, teamMembers.userId], set: { role } });
}
