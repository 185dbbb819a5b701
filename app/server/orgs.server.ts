/**
 * Organizations come to life here: a row in D1, then the org's own database (its OrgHub object)
 * created on demand, migrated and given the channel lookup. State: provisioning → ready | failed.
 */
import type { Currency } from "../../core/money";
import { type AuditActor, auditIfChanged } from "./audit.server";
import { eq } from "drizzle-orm";
import { ensureDefaultChannels } from "../../db/control/channels";
import { controlDb } from "../../db/control/database";
import { addMember, getOrgBySlug } from "../../db/control/queries";
import { listChannels } from "./channels.server";
import { organizations } from "../../db/control/schema";
import type { NumberFormat } from "../../core/decimal";
import type { RegionHint } from "../../core/regions";

export type Organization = typeof organizations.$inferSelect;

export type ProvisionResult =
  | { ok: true; org: Organization; provisioningMs: number }
  | { ok: false; reason: "slug_taken" }
  | { ok: false; reason: "failed"; org: Organization; message: string };

/**
 * The org's object, addressed by name. Not through partyserver's `getServerByName`: that first
 * sends the object its name in a round trip of its own, on every call, while the object reads
 * its name from its id (`ctx.id.name`).
 */
export function orgHub(env: Env, orgId: string, regionHint?: string | null) {
  return env.ORG_HUB.get(
    env.ORG_HUB.idFromName(orgId),
    regionHint ? { locationHint: regionHint as RegionHint } : undefined,
  );
}

export type OrgHubStub = ReturnType<typeof orgHub>;

/** The organization at `slug`, whoever asks (callers check membership). */
export function findOrg(env: Env, slug: string) {
  return getOrgBySlug(controlDb(env.DB), slug);
}

/**
 * Copies the shared channel lookup (D1) into the org's database, and returns it: when the org is
 * created, and before a client enables a channel, since an operator may have added it since.
 */
export async function syncChannels(env: Env, hub: ReturnType<typeof orgHub>) {
  const channels = await listChannels(env);
  await hub.provision(channels);
  return channels;
}

export async function provisionOrg(
  env: Env,
  input: { name: string; slug: string; regionHint?: RegionHint | null; numberFormat?: NumberFormat },
): Promise<ProvisionResult> {
  const db = controlDb(env.DB);
  // The unique slug makes a second attempt at the same slug a no-op rather than a second org.
  const org = await db
    .insert(organizations)
    .values({
      name: input.name,
      slug: input.slug,
      regionHint: input.regionHint ?? null,
      numberFormat: input.numberFormat,
      state: "provisioning",
    })
    .onConflictDoNothing({ target: organizations.slug })
    .returning()
    .get();
  if (!org) return { ok: false, reason: "slug_taken" };
  return createOrgDatabase(env, org);
}

/**
 * Changes the org's settings, audited in the same batch: how its people write numbers (amounts
 * already stored are cents and do not move) and its logo (a data URL, or null to remove it).
 */
export async function updateOrgSettings(
  env: Env,
  orgId: string,
  change: { numberFormat?: NumberFormat; timeZone?: string; currency?: Currency; logo?: string | null },
  by: AuditActor,
): Promise<void> {
  const db = controlDb(env.DB);
  const before = await db
    .select({
      numberFormat: organizations.numberFormat,
      timeZone: organizations.timeZone,
      currency: organizations.currency,
      logo: organizations.logo,
      state: organizations.state,
      regionHint: organizations.regionHint,
    })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .get();
  if (!before) return;
  // The audit says that the logo changed, not its bytes.
  const describe = (row: {
    numberFormat?: NumberFormat;
    timeZone?: string;
    currency?: Currency;
    logo?: string | null;
  }) => ({
    ...(change.numberFormat === undefined ? {} : { numberFormat: row.numberFormat }),
    ...(change.timeZone === undefined ? {} : { timeZone: row.timeZone }),
    ...(change.currency === undefined ? {} : { currency: row.currency }),
    ...(change.logo === undefined ? {} : { logo: row.logo ? "set" : "none" }),
  });
  await db.batch([
    db.update(organizations).set(change).where(eq(organizations.id, orgId)),
    auditIfChanged(db, orgId, by, {
      action: "org.settings_changed",
      entity: "org",
      entityId: orgId,
      before: describe(before),
      after: describe({ ...before, ...change }),
    }),
  ]);
  // The object writes alert messages itself: it hears how amounts are written now (or, if it
  // cannot be reached, from the next hourly run).
  const after = { ...before, ...change };
  if ((change.numberFormat || change.currency) && before.state === "ready") {
    await orgHub(env, orgId, before.regionHint)
      .setDisplay({ format: after.numberFormat, currency: after.currency }, after.timeZone)
      .catch((error: unknown) => console.error("org display", error));
  }
}

/** The org's logo (a data URL), or null. */
export async function orgLogo(env: Env, orgId: string): Promise<string | null> {
  const row = await controlDb(env.DB)
    .select({ logo: organizations.logo })
    .from(organizations)
    .where(eq(organizations.id, orgId))
    .get();
  return row?.logo ?? null;
}

/** Creates (or re-creates, on retry) the org's database. Idempotent. */
export async function createOrgDatabase(env: Env, org: Organization): Promise<ProvisionResult> {
  const db = controlDb(env.DB);
  const started = Date.now();
  try {
    await ensureDefaultChannels(db);
    const hub = orgHub(env, org.id, org.regionHint);
    await syncChannels(env, hub);
    await hub.setDisplay({ format: org.numberFormat, currency: org.currency }, org.timeZone);
    const provisioningMs = Date.now() - started;
    const ready = await db
      .update(organizations)
      .set({ state: "ready", stateReason: null, provisioningMs })
      .where(eq(organizations.id, org.id))
      .returning()
      .get();
    return { ok: true, org: ready ?? org, provisioningMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await db
      .update(organizations)
      .set({ state: "failed", stateReason: message.slice(0, 500) })
      .where(eq(organizations.id, org.id))
      .returning()
      .get();
    return { ok: false, reason: "failed", org: failed ?? org, message };
  }
}

/**
 * Self-service signup: the org is provisioned and its creator becomes its admin, even if
 * provisioning failed (the admin then sees the reason and can retry).
 */
export async function createOrgForUser(
  env: Env,
  input: { name: string; slug: string; numberFormat?: NumberFormat },
  userId: string,
): Promise<ProvisionResult> {
  const result = await provisionOrg(env, { ...input, regionHint: null });
  if (result.ok || result.reason === "failed") await addMember(controlDb(env.DB), result.org.id, userId, "admin");
  return result;
}
