/**
 * Benchmark fixtures only (never deployed): large orgs written straight into an org's SQLite, and
 * edits sent straight to an org's object. Runs with the app's wrangler.toml (same D1, same OrgHub
 * storage) through unstable_startWorker; its OrgHub is the app's class plus two bench methods,
 * under the same class name.
 */
import { and, eq } from "drizzle-orm";
import { provisionOrg } from "../app/server/orgs.server";
import { newId } from "../db/columns";
import { controlDb } from "../db/control/database";
import { addMember, getOrgBySlug } from "../db/control/queries";
import { users } from "../db/control/schema";
import { refreshTotals } from "../db/org/queries";
import { OrgHub as AppOrgHub } from "../party/org-hub";

export class OrgHub extends AppOrgHub {
  /** clients × channels × campaigns × weeks rows of plausible numbers, one transaction. */
  bulkLoad(shape: { clients: number; channels: number; campaigns: number; weeks: number; lastWeek: string }): number {
    const sql = this.ctx.storage.sql;
    const channelIds = sql
      .exec<{ id: string }>("select id from channels order by slug limit ?", shape.channels)
      .toArray()
      .map((r) => r.id);
    const mondays = Array.from({ length: shape.weeks }, (_, i) =>
      new Date(Date.parse(shape.lastWeek) - (shape.weeks - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    let rows = 0;
    const clientIds: string[] = [];
    this.ctx.storage.transactionSync(() => {
      for (let c = 0; c < shape.clients; c++) {
        const clientId = newId();
        clientIds.push(clientId);
        sql.exec("insert into clients (id, name) values (?, ?)", clientId, `Client ${String(c).padStart(4, "0")}`);
        for (const channelId of channelIds) {
          const clientChannelId = newId();
          const groupId = newId();
          sql.exec(
            "insert into client_channels (id, client_id, channel_id) values (?, ?, ?)",
            clientChannelId,
            clientId,
            channelId,
          );
          sql.exec(
            "insert into campaign_groups (id, client_channel_id, name, weekly_budget_cents) " +
              "values (?, ?, 'Main', 500000)",
            groupId,
            clientChannelId,
          );
          for (let k = 0; k < shape.campaigns; k++) {
            const campaignId = newId();
            sql.exec(
              "insert into campaigns (id, campaign_group_id, name, target_roas_milli) values (?, ?, ?, 3500)",
              campaignId,
              groupId,
              `Campaign ${k}`,
            );
            for (const [w, week] of mondays.entries()) {
              const spend = 10_000 + ((c * 31 + k * 7 + w * 13) % 5000) * 10;
              sql.exec(
                "insert into weekly_metrics (id, campaign_id, week_start, ad_spend_cents, " +
                  "sales_cents) values (?, ?, ?, ?, ?)",
                newId(),
                campaignId,
                week,
                spend,
                spend * (2 + ((w + k) % 4)),
              );
              rows++;
            }
          }
        }
      }
      // The dashboard's totals, as every commit keeps them.
      for (const clientId of clientIds) refreshTotals(this.db, clientId, "all");
    });
    return rows;
  }

  /** Some campaign ids of the org, for the writers of `/writes`. */
  someCampaigns(count: number): string[] {
    return this.ctx.storage.sql
      .exec<{ id: string }>("select id from campaigns order by id limit ?", count)
      .toArray()
      .map((r) => r.id);
  }
}

type WritesInput = { slug: string; seconds: number; writers: number; userId: string };

/**
 * `writers` concurrent loops, each saving its own cell through the object's `mutate` RPC (what
 * the grid's action calls after its session check) for `seconds`; each edit's round trip is
 * timed in the Worker (workerd's clock moves on I/O, so to the millisecond).
 */
async function writeStraightToObject(env: Env, input: WritesInput) {
  const org = await getOrgBySlug(controlDb(env.DB), input.slug);
  if (!org) throw new Error(`no org ${input.slug}`);
  const stub = env.ORG_HUB.get(env.ORG_HUB.idFromName(org.id)) as unknown as DurableObjectStub<OrgHub>;
  const campaignIds = await stub.someCampaigns(input.writers);
  const actor = { userId: input.userId, role: "admin" as const, clients: null };
  const acks: number[] = [];
  let refused = 0;
  const started = Date.now();
  const until = started + input.seconds * 1000;
  await Promise.all(
    Array.from({ length: input.writers }, async (_, w) => {
      const campaignId = campaignIds[w % campaignIds.length]!;
      // A week nobody else writes: far in the future, one per writer sharing a campaign.
      const weekStart = new Date(Date.UTC(2040, 0, 2) + Math.floor(w / campaignIds.length) * 7 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      let version: number | undefined;
      for (let i = 0; Date.now() < until; i++) {
        const sent = Date.now();
        const result = await stub.mutate(actor, {
          mutations: [
            { kind: "metric.save", campaignId, weekStart, adSpendCents: 10_000 + i, salesCents: 30_000 + i, version },
          ],
        });
        if (result.ok) {
          acks.push(Date.now() - sent);
          version = (version ?? 0) + 1;
        } else refused++;
      }
    }),
  );
  return { seconds: (Date.now() - started) / 1000, acks, refused };
}

export default {
  /**
   * POST / { slug, clients, channels, campaigns, weeks, lastWeek, adminEmail } → { orgId, rows }
   * POST /writes { slug, seconds, writers, userId } → { seconds, acks: ms[], refused }
   */
  async fetch(request: Request, env: Env): Promise<Response> {
    if (new URL(request.url).pathname === "/writes")
      return Response.json(await writeStraightToObject(env, await request.json()));
    const input = (await request.json()) as {
      slug: string;
      clients: number;
      channels: number;
      campaigns: number;
      weeks: number;
      lastWeek: string;
      adminEmail: string;
    };
    const db = controlDb(env.DB);
    const existing = await getOrgBySlug(db, input.slug);
    if (existing) return Response.json({ orgId: existing.id, rows: 0 });
    const provisioned = await provisionOrg(env, { name: `Bench ${input.slug}`, slug: input.slug, regionHint: null });
    if (!provisioned.ok) return Response.json({ error: provisioned.reason }, { status: 500 });
    const admin = await db
      .select()
      .from(users)
      .where(and(eq(users.email, input.adminEmail)))
      .get();
    if (admin) await addMember(db, provisioned.org.id, admin.id, "admin");
    const stub = env.ORG_HUB.get(env.ORG_HUB.idFromName(provisioned.org.id)) as unknown as DurableObjectStub<OrgHub>;
    const rows = await stub.bulkLoad(input);
    return Response.json({ orgId: provisioned.org.id, rows });
  },
} satisfies ExportedHandler<Env>;
