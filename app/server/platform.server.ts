/** What platform operators do: see every organization, and create one for an agency. */
import type { AuditActor } from "./audit.server";
import { count, desc, eq } from "drizzle-orm";
import type { NumberFormat } from "../../core/decimal";
import type { RegionHint } from "../../core/regions";
import { controlDb } from "../../db/control/database";
import { orgSummaryColumns } from "../../db/control/queries";
import { organizations, teamMembers } from "../../db/control/schema";
import { provisionOrg, type ProvisionResult } from "./orgs.server";
import { inviteMember } from "./team.server";

export async function listOrgsForOperators(env: Env) {
  return controlDb(env.DB)
    .select({
      ...orgSummaryColumns,
      provisioningMs: organizations.provisioningMs,
      createdAt: organizations.createdAt,
      members: count(teamMembers.userId),
    })
    .from(organizations)
    .leftJoin(teamMembers, eq(teamMembers.orgId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(desc(organizations.createdAt))
    .all();
}

/** Provisions the org, then invites its first admin by mail. */
export async function createOrgForAgency(
  env: Env,
  input: { name: string; slug: string; adminEmail: string; region?: RegionHint | null; numberFormat?: NumberFormat },
  invitedBy: string | null,
  by: AuditActor,
): Promise<ProvisionResult> {
  const result = await provisionOrg(env, {
    name: input.name,
    slug: input.slug,
    regionHint: input.region ?? null,
    numberFormat: input.numberFormat,
  });
  if (result.ok || result.reason === "failed") {
    await inviteMember(env, result.org, { email: input.adminEmail, role: "admin", clients: null, invitedBy }, by);
  }
  return result;
}
