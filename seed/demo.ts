/**
 * The demo organization: an agency with three clients running POCs on several channels, with
 * twelve weeks of numbers. Every row goes through the same OrgHub write path as the app's.
 */
import { orgHub, provisionOrg } from "../app/server/orgs.server";
import { lastCompleteWeek, weeksEnding } from "../core/weeks";
import type { Mutation } from "../core/mutations";
import { newId } from "../db/columns";
import { controlDb } from "../db/control/database";
import { addMember, getOrgBySlug, listChannels } from "../db/control/queries";
import type { OrgRole } from "../core/permissions";
import { createUser, randomFrom } from "./factories";

export const DEMO_ORG = { slug: "demo", name: "Northwind Digital" } as const;

export const DEMO_USERS: { email: string; name: string; role: OrgRole }[] = [
  { email: "admin@demo.test", name: "Ada Admin", role: "admin" },
  { email: "am@demo.test", name: "Max Manager", role: "account_manager" },
  { email: "viewer@demo.test", name: "Vic Viewer", role: "viewer" },
];

type Plan = Record<
  string,
  { group: string; weeklyBudget: number | null; campaigns: [name: string, targetRoas: number | null][] }[]
>;

const CLIENTS: { name: string; plan: Plan }[] = [
  {
    name: "Acme Outdoor",
    plan: {
      "google-ads": [
        {
          group: "Search — Brand",
          weeklyBudget: 2500,
          campaigns: [
            ["Brand exact", 8],
            ["Brand phrase", 6],
          ],
        },
        {
          group: "Shopping",
          weeklyBudget: 4000,
          campaigns: [
            ["Tents & shelters", 4.5],
            ["Backpacks", 4],
            ["Footwear", null],
          ],
        },
      ],
      "meta-ads": [
        {
          group: "Prospecting",
          weeklyBudget: 3000,
          campaigns: [
            ["Lookalike 1%", 3],
            ["Interest — hiking", 2.5],
          ],
        },
      ],
    },
  },
  {
    name: "Bloom Beauty",
    plan: {
      "tiktok-ads": [
        {
          group: "Spark Ads",
          weeklyBudget: 1800,
          campaigns: [
            ["Creator — skincare", 2.2],
            ["Creator — makeup", 2],
          ],
        },
      ],
      "meta-ads": [
        {
          group: "Retargeting",
          weeklyBudget: 1200,
          campaigns: [
            ["Cart abandoners", 6],
            ["Viewed product 7d", 4.5],
          ],
        },
        { group: "Advantage+ Shopping", weeklyBudget: null, campaigns: [["ASC — all products", 3.5]] },
      ],
      "amazon-ads": [
        {
          group: "Sponsored Products",
          weeklyBudget: 2200,
          campaigns: [
            ["Auto", 3],
            ["Manual — serum", 4],
          ],
        },
      ],
    },
  },
  {
    name: "Cobalt Electronics",
    plan: {
      "amazon-ads": [
        {
          group: "Sponsored Brands",
          weeklyBudget: 3500,
          campaigns: [
            ["Headphones", 5],
            ["Chargers", 6],
          ],
        },
        { group: "Sponsored Display", weeklyBudget: 1500, campaigns: [["Remarketing", 3.5]] },
      ],
      "microsoft-ads": [
        {
          group: "Search — Generic",
          weeklyBudget: 1000,
          campaigns: [
            ["Wireless earbuds", 3],
            ["USB-C hubs", 2.8],
          ],
        },
      ],
      "google-ads": [{ group: "Performance Max", weeklyBudget: 5000, campaigns: [["PMax — bestsellers", 4]] }],
    },
  },
];

export type SeedResult = { created: boolean; orgId: string; slug: string; seq: number };

/** Creates the demo org and its data; does nothing if an org with the demo slug exists. */
export async function seedDemoOrg(env: Env, { weeks = 12, now = new Date() } = {}): Promise<SeedResult> {
  const db = controlDb(env.DB);
  const existing = await getOrgBySlug(db, DEMO_ORG.slug);
  if (existing) return { created: false, orgId: existing.id, slug: existing.slug, seq: 0 };

  const provisioned = await provisionOrg(env, { ...DEMO_ORG, regionHint: null });
  if (!provisioned.ok) throw new Error(`Could not provision the demo org: ${provisioned.reason}`);
  const org = provisioned.org;

  let adminId = "";
  for (const person of DEMO_USERS) {
    const user = await createUser(env, person.email, person.name);
    await addMember(db, org.id, user.id, person.role);
    if (person.role === "admin") adminId = user.id;
  }

  const channelIds = new Map((await listChannels(db)).map((channel) => [channel.slug, channel.id]));
  const weekStarts = weeksEnding(lastCompleteWeek(now), weeks);
  const mutations: Mutation[] = [];
  for (const client of CLIENTS) {
    const clientId = newId();
    mutations.push({ kind: "client.create", id: clientId, name: client.name });
    for (const [channelSlug, groups] of Object.entries(client.plan)) {
      const clientChannelId = newId();
      mutations.push({
        kind: "clientChannel.create",
        id: clientChannelId,
        clientId,
        channelId: channelIds.get(channelSlug)!,
      });
      for (const group of groups) {
        const campaignGroupId = newId();
        mutations.push({
          kind: "campaignGroup.create",
          id: campaignGroupId,
          clientChannelId,
          name: group.group,
          weeklyBudgetCents: group.weeklyBudget === null ? null : group.weeklyBudget * 100,
        });
        for (const [name, targetRoas] of group.campaigns) {
          const campaignId = newId();
          mutations.push({
            kind: "campaign.create",
            id: campaignId,
            campaignGroupId,
            name,
            targetRoasMilli: targetRoas === null ? null : Math.round(targetRoas * 1000),
          });
          mutations.push(...weeklyNumbers(campaignId, `${client.name}/${name}`, group, targetRoas ?? 3, weekStarts));
        }
      }
    }
  }

  const hub = orgHub(env, org.id, org.regionHint);
  const result = await hub.mutate(
    { userId: adminId, role: "admin", clients: null, label: "Demo seed" },
    { mutationId: `seed-${org.id}`, mutations },
  );
  if (!result.ok) throw new Error(`Seeding the demo org failed: ${result.error.message}`);
  return { created: true, orgId: org.id, slug: org.slug, seq: result.seq };
}

/** Plausible weeks: spend near the group's budget share, ROAS wandering around the target. */
function weeklyNumbers(
  campaignId: string,
  seedText: string,
  group: Plan[string][number],
  targetRoas: number,
  weekStarts: string[],
): Mutation[] {
  const random = randomFrom(seedText);
  const share = (group.weeklyBudget ?? 2000) / group.campaigns.length;
  // Some POCs improve over the weeks, some fade: the dashboard should show both.
  const drift = (random() - 0.4) * 0.04;
  return weekStarts.map((weekStart, i) => {
    const adSpendCents = Math.round(share * (0.75 + random() * 0.35) * 100);
    const roas = targetRoas * (0.7 + random() * 0.5 + drift * i);
    return {
      kind: "metric.save",
      campaignId,
      weekStart,
      adSpendCents,
      salesCents: Math.round(adSpendCents * Math.max(roas, 0)),
    };
  });
}
