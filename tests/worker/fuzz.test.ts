/**
 * Fuzzing (issue 13): every API endpoint and every form action in the route manifest get random,
 * boundary and hostile values: wrong types, repeated fields, malformed JSON and multipart, wrong
 * content types. Never a 5xx; the API always answers in its error shape; and a refused request
 * leaves the org's data and the control plane exactly as they were.
 */
import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { controlDb } from "../../db/control/database";
import * as control from "../../db/control/schema";
import { addMember } from "../../db/control/queries";
import { createUser, sessionCookieFor } from "../../seed/factories";
import { callWorker, freshIp, makeCampaignOrg, mintToken, ORIGIN, post } from "./helpers";
import { fullPath, paramsOf, routes, urlOf } from "./manifest";

const RUNS = 40;
let cases = 0;

/** Values that have broken parsers elsewhere: numbers at the edges, words that look like numbers, markup, SQL. */
const hostile = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1e308,
    -1,
    -0.01,
    0.001,
    1.000000001,
    1e-7,
    2 ** 53,
    "1e308",
    "NaN",
    "Infinity",
    "-5",
    "1,234.56",
    "1.234,56",
    "0x10",
    "'; drop table clients; --",
    '<script>alert("x")</script>',
    "\u0000",
    "\r\nBcc: x@y.z",
    "\u202eevil",
    "2026-11-17",
    "2026-02-30",
    "x".repeat(10_000),
    "",
    " ",
  ),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
);

/** A hostile value as a form field carries it (numbers as written, the rest as JSON). */
const asText = (value: unknown) =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : (JSON.stringify(value) ?? "");

/** A body with the fields an endpoint reads, each either absent or hostile, and strangers beside them. */
const bodyOf = (fields: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(fields.map((f) => [f, hostile])), { requiredKeys: [] }),
    fc.jsonValue(),
    fc.string({ maxLength: 200 }).map((text) => ({ raw: text })),
  );

type Hub = Awaited<ReturnType<typeof makeCampaignOrg>>["hub"];

/** Field names the app's forms read, for bodies that reach past the first check. */
const FORM_FIELDS = [
  "intent",
  "name",
  "slug",
  "email",
  "role",
  "userId",
  "invitationId",
  "id",
  "token",
  "theme",
  "redirectTo",
  "csv",
  "mode",
  "numberFormat",
  "mutationId",
  "campaignId",
  "adSpend",
  "sales",
  "version",
  "loadedSpend",
  "loadedSales",
  "scope",
  "expiresIn",
  "session",
  "regionHint",
  "answer",
  "startWeek",
  "minWeeks",
  "maxWeeks",
  "minSpend",
  "targetRoas",
  "weeklyBudget",
  "access",
  "clients",
  "client.unknown",
  "logo",
  "importId",
  "change",
  "expected",
];

/** What a refused request must not change: the event log (every change appends to it) and the channel copy. */
async function snapshot(hub: Hub) {
  const [stats, channels] = await Promise.all([hub.stats(), hub.listChannels()]);
  return { seq: stats.seq, stats, channels: channels.map((c) => c.id).sort() };
}

/** The same, and the control plane's rows a form could change (not sessions or rate limits: any request may). */
async function fullSnapshot(hub: Hub) {
  const db = controlDb(env.DB);
  const rows = await Promise.all(
    [
      control.users,
      control.organizations,
      control.teamMembers,
      control.invitations,
      control.channels,
      control.apiTokens,
    ].map((table) => db.select().from(table).all()),
  );
  return { ...(await snapshot(hub)), control: rows };
}

async function fuzzApi(method: string, path: (ids: Record<string, string>) => string, fields: string[]) {
  const fixture = await makeCampaignOrg({ week: "2026-09-07" });
  const { token } = await mintToken(fixture.org, { name: "fuzz", scope: "write", createdBy: null });
  const ids = { ...fixture.ids, clientChannel: fixture.ids.clientChannel };
  await fc.assert(
    fc.asyncProperty(
      bodyOf(fields),
      fc.constantFrom("application/json", "text/plain", "", "multipart/form-data"),
      async (body, type) => {
        cases++;
        const before = await snapshot(fixture.hub);
        const raw = typeof body === "object" && body !== null && "raw" in body && Object.keys(body).length === 1;
        const response = await SELF.fetch(`${ORIGIN}/api/v1${path(ids)}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, ...(type ? { "Content-Type": type } : {}) },
          body: raw ? (body as { raw: string }).raw : JSON.stringify(body),
        });
        expect(response.status, `${method} ${path(ids)} ${JSON.stringify(body).slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) {
          const answer = (await response.json()) as { error: { code: unknown; message: unknown } };
          expect(typeof answer.error.code).toBe("string");
          expect(typeof answer.error.message).toBe("string");
          expect(await snapshot(fixture.hub)).toEqual(before);
        } else {
          await response.arrayBuffer();
        }
      },
    ),
    { numRuns: RUNS },
  );
}

describe("fuzzing the API", () => {
  it("POST /clients", () => fuzzApi("POST", () => "/clients", ["name"]));
  it("PATCH /clients/{id}", () => fuzzApi("PATCH", (ids) => `/clients/${ids.client}`, ["name", "isActive"]));
  it("POST /clients/{id}/channels", () => fuzzApi("POST", (ids) => `/clients/${ids.client}/channels`, ["channelSlug"]));
  it("POST /client-channels/{id}/campaign-groups", () =>
    fuzzApi("POST", (ids) => `/client-channels/${ids.clientChannel}/campaign-groups`, ["name", "weeklyBudget"]));
  it("POST /campaign-groups/{id}/campaigns", () =>
    fuzzApi("POST", (ids) => `/campaign-groups/${ids.group}/campaigns`, ["name", "targetRoas"]));
  it("PUT /campaigns/{id}/metrics/{week}", () =>
    fuzzApi("PUT", (ids) => `/campaigns/${ids.campaign}/metrics/2026-09-14`, ["adSpend", "sales", "version"]));
});

describe("fuzzing the forms", () => {
  it("the grid's save path (JSON cells)", { timeout: 30_000 }, async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: "2026-09-07" });
    await fc.assert(
      fc.asyncProperty(
        bodyOf(["mutationId", "cells"]),
        hostile,
        hostile,
        hostile,
        async (body, adSpend, sales, version) => {
          cases++;
          const before = await snapshot(hub);
          const cells = {
            mutationId: "fuzz-key-0123456789abcdef",
            cells: [{ campaignId: ids.campaign, weekStart: "2026-09-14", adSpend, sales, version }],
          };
          for (const payload of [body, cells]) {
            const response = await SELF.fetch(`${ORIGIN}/o/${org.slug}/clients/${ids.client}/cells`, {
              method: "POST",
              headers: { Origin: ORIGIN, Cookie: editor.cookie, "Content-Type": "application/json" },
              body: JSON.stringify(payload),
            });
            expect(response.status, JSON.stringify(payload).slice(0, 200)).toBeLessThan(500);
            const answer = (await response.json()) as { ok: boolean };
            if (!answer.ok) expect(await snapshot(hub)).toEqual(before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the setup page's forms", { timeout: 30_000 }, async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: "2026-09-07" });
    const intents = fc.constantFrom(
      "channel",
      "group",
      "group-update",
      "campaign",
      "campaign-update",
      "delete",
      "nonsense",
    );
    await fc.assert(
      fc.asyncProperty(
        intents,
        fc.dictionary(
          fc.constantFrom(
            "name",
            "weeklyBudget",
            "targetRoas",
            "id",
            "version",
            "channelId",
            "clientChannelId",
            "campaignGroupId",
            "enable",
            "entity",
            "confirm",
            "archived",
          ),
          hostile.map(asText),
          { maxKeys: 6 },
        ),
        async (intent, fields) => {
          cases++;
          const before = await snapshot(hub);
          const response = await post(
            `/o/${org.slug}/clients/${ids.client}/setup`,
            { ...fields, intent },
            { cookie: editor.cookie },
          );
          expect(response.status, JSON.stringify({ intent, fields }).slice(0, 200)).toBeLessThan(500);
          if (response.status >= 400) expect(await snapshot(hub)).toEqual(before);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("every form action in the route manifest", { timeout: 60_000 }, async () => {
    const { org, hub, ids, editor } = await makeCampaignOrg({ week: "2026-09-07" });
    // An admin of the org who is also a platform operator: every action is theirs to call.
    const operator = await createUser(env, "ops@celerity.test");
    await addMember(controlDb(env.DB), org.id, operator.id, "admin");
    const params: Record<string, string> = {
      slug: org.slug,
      clientId: ids.client,
      clientChannelId: ids.clientChannel,
      userId: editor.user.id,
      campaignId: ids.campaign,
      week: "2026-09-07",
    };
    const actions = routes.filter((route) => route.module.action);
    for (const route of actions) {
      for (const name of paramsOf(fullPath(route))) {
        if (!(name in params)) throw new Error(`fuzzing cannot fill :${name} of ${route.id}`);
      }
    }
    const field = fc.constantFrom(...FORM_FIELDS);
    const fields = fc.array(fc.tuple(field, hostile.map(asText)), { maxLength: 10 });
    const body = fc.oneof(
      // URL-encoded, fields repeated at will.
      fields.map((pairs) => {
        const form = new URLSearchParams();
        for (const [name, value] of pairs) form.append(name, value);
        return { type: "application/x-www-form-urlencoded", body: form.toString() as BodyInit };
      }),
      // Well-formed multipart, with a file among the fields.
      fc.tuple(fields, fc.string({ maxLength: 300 })).map(([pairs, file]) => {
        const form = new FormData();
        for (const [name, value] of pairs) form.append(name, value);
        form.append("file", new File([file], "rows.csv", { type: "text/csv" }));
        return { type: null, body: form as BodyInit };
      }),
      // Malformed: a multipart type with no or a lying boundary, JSON that is not, plain text.
      fc
        .tuple(
          fc.constantFrom("multipart/form-data", "multipart/form-data; boundary=zzz", "application/json", "text/plain"),
          fc.oneof(
            fc.string({ maxLength: 300 }),
            fc.jsonValue().map((v) => JSON.stringify(v) ?? ""),
          ),
        )
        .map(([type, text]) => ({ type, body: text as BodyInit })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), body, async (route, { type, body }) => {
        cases++;
        const before = await fullSnapshot(hub);
        const headers: Record<string, string> = {
          Cookie: await sessionCookieFor(env, operator.id, ORIGIN),
          Origin: ORIGIN,
          Host: new URL(ORIGIN).host, // always sent by browsers, and by Cloudflare in front
          "CF-Connecting-IP": freshIp(),
        };
        if (type) headers["Content-Type"] = type;
        const url = urlOf(route, params, { origin: ORIGIN, action: true });
        const response = await callWorker(new Request(url, { method: "POST", redirect: "manual", headers, body }));
        expect(response.status, `${route.id}: ${await response.clone().text()}`.slice(0, 300)).toBeLessThan(500);
        if (response.status >= 400) expect(await fullSnapshot(hub), route.id).toEqual(before);
      }),
      { numRuns: RUNS * 6 },
    );
  });
});

afterAll(() => {
  console.log(`fuzz: ${cases} cases`);
});
