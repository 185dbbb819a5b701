/** Security hardening (issue 11), item by item. */
import { env, SELF } from "cloudflare:test";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { provisionOrg } from "../../app/server/orgs.server";
import { addChannel } from "../../db/control/channels";
import { controlDb } from "../../db/control/database";
import { sha256Hex } from "../../core/crypto";
import { addMember } from "../../db/control/queries";
import { SOCKET_LIMITS } from "../../party/sockets";
import { SOCKET_CLOSE } from "../../core/protocol";
import { createUser, sessionCookieFor } from "../../seed/factories";
import {
  freshIp,
  get,
  latestLink,
  mailbox,
  makeCampaignOrg,
  makeMember,
  makeOrg,
  openEventsSocket,
  openSocket,
  ORIGIN,
  post,
  signInViaLink,
  unique,
  within,
  mintToken,
} from "./helpers";

async function addMemberByEmail(orgId: string, email: string) {
  const user = await createUser(env, email);
  await addMember(controlDb(env.DB), orgId, user.id, "viewer");
  return user;
}

describe("a refused write writes nothing", () => {
  it("a viewer enabling a channel is refused before the channel lookup is copied into the org", async () => {
    const { org, viewer, hub, ids } = await makeCampaignOrg();
    const slug = unique("ch")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "");
    const channel = await addChannel(controlDb(env.DB), { name: `Channel ${slug}`, slug, iconUrl: null });
    const response = await post(
      `/o/${org.slug}/clients/${ids.client}/setup`,
      { intent: "channel", channelId: channel.id, enable: "true" },
      { cookie: viewer.cookie },
    );
    expect(response.status).toBe(403);
    expect((await hub.listChannels()).map((c) => c.slug)).not.toContain(slug);
  });
});

describe("item 2: redirects stay on the app and never 5xx", () => {
  const HOSTILE = [
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/a\r\nSet-Cookie: x=1",
    "/a\u0000b",
    "/é/ü",
  ];
  const staysHere = (response: Response) => {
    const location = response.headers.get("Location");
    if (location !== null) expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
  };

  it("GET /login?redirectTo=<anything>, signed in or not, never sends the browser elsewhere", async () => {
    const { cookie } = await makeMember((await makeOrg()).id, "viewer");
    for (const redirectTo of HOSTILE) {
      for (const who of [undefined, cookie]) {
        const response = await get(`/login?${new URLSearchParams({ redirectTo })}`, who);
        expect(response.status, `${JSON.stringify(redirectTo)} signed ${who ? "in" : "out"}`).toBeLessThan(500);
        staysHere(response);
      }
    }
  });

  it("a genuine sign-in link requested with a hostile redirectTo lands on the app", async () => {
    for (const redirectTo of HOSTILE) {
      const email = `${unique("victim")}@example.test`;
      const ip = freshIp();
      expect((await post("/login", { email, redirectTo }, { ip })).status).toBe(200);
      const token = new URL(await latestLink(email)).searchParams.get("token")!;
      const response = await post("/login/verify", { token }, { ip });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      staysHere(response);
    }
  });

  it("the theme switch takes any redirectTo without a 5xx or a foreign Location", async () => {
    for (const redirectTo of HOSTILE) {
      const response = await post("/resources/theme", { theme: "dark", redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      staysHere(response);
    }
  });
});

describe("item 6: exported CSV cells never start a formula", () => {
  it("names starting with =, +, -, @ (or a tab) are written with a leading apostrophe", async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg({ week: "2026-09-07" });
    const client = (await hub.listClients()).find((c) => c.id === ids.client)!;
    const renamed = await hub.mutate(editor.actor, {
      mutations: [
        {
          kind: "client.update",
          id: ids.client,
          version: client.version,
          name: '=HYPERLINK("https://evil.example","x")',
        },
        { kind: "campaignGroup.update", id: ids.group, version: 1, name: "+SUM(A1)" },
        { kind: "campaign.update", id: ids.campaign, version: 1, name: "@cmd" },
      ],
    });
    expect(renamed.ok).toBe(true);
    const response = await get(`/o/${org.slug}/export.csv?from=2026-09-07&to=2026-09-07`, editor.cookie);
    expect(response.status).toBe(200);
    const rows = Papa.parse<string[]>(await response.text()).data;
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("https://evil.example","x")`);
    expect(cells).toContain("'+SUM(A1)");
    expect(cells).toContain("'@cmd");
    for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

describe("item 7: names carry no control characters", () => {
  const BAD = ["Evil\r\nBcc: victim@example.test", "Tab\there", "Nul\u0000", "Bidi \u202eflipped"];

  it("org, client, group and campaign names with CR/LF or other control characters are refused by name", async () => {
    const { org, editor, hub, ids } = await makeCampaignOrg();
    for (const name of BAD) {
      const orgForm = await post(
        "/orgs",
        {
          name,
          slug: unique("o")
            .toLowerCase()
            .replace(/[^a-z0-9-]/g, ""),
        },
        { cookie: editor.cookie },
      );
      expect(orgForm.status, JSON.stringify(name)).toBe(422);
      expect(await orgForm.text()).toContain("line breaks or control characters");
      const clientForm = await post(`/o/${org.slug}/clients`, { name }, { cookie: editor.cookie });
      expect(clientForm.status).toBe(422);
      const direct = await hub.mutate(editor.actor, {
        mutations: [{ kind: "campaign.create", campaignGroupId: ids.group, name, targetRoasMilli: null }],
      });
      expect(direct.ok ? null : direct.error.issues?.[0]?.path).toBe("mutations.0.name");
    }
    expect((await hub.listClients()).map((c) => c.name)).toEqual(["Acme"]);
  });

  it("the API refuses such names with 422 naming the field", async () => {
    const org = await makeOrg();
    const { token } = await mintToken(org, { name: "w", scope: "write", createdBy: null });
    const response = await SELF.fetch(`${ORIGIN}/api/v1/clients`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Line\nbreak" }),
    });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe("name");
  });

  it("an org name stored before this rule cannot break the invitation mail's headers", async () => {
    const provisioned = await provisionOrg(env, {
      name: "Old\r\nBcc: victim@example.test",
      slug: unique("old"),
      regionHint: null,
    });
    if (!provisioned.ok) throw new Error("provisioning failed");
    const admin = await makeMember(provisioned.org.id, "admin");
    const email = `${unique("invitee")}@example.test`;
    expect(
      (
        await post(
          `/o/${provisioned.org.slug}/team`,
          { intent: "invite", email, role: "viewer" },
          { cookie: admin.cookie },
        )
      ).status,
    ).toBeLessThan(400);
    const mail = (await mailbox()).find((m) => m.to === email)!;
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain("Old Bcc: victim@example.test");
  });
});

describe("item 5: mail links are built from APP_ORIGIN, never from the request's Host", () => {
  const foreign = "http://attacker.example";
  /** A form post whose Host (and matching Origin) is the attacker's. */
  const postFromForeignHost = (path: string, fields: Record<string, string>, headers: Record<string, string>) =>
    SELF.fetch(`${foreign}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: foreign,
        Host: "attacker.example",
        ...headers,
      },
      body: new URLSearchParams(fields),
    });

  it("a sign-in link asked for with a foreign Host (and a matching Origin) points to the app", async () => {
    const email = `${unique("victim")}@example.test`;
    const response = await postFromForeignHost("/login", { email }, { "CF-Connecting-IP": freshIp() });
    expect(response.status).toBeLessThan(500);
    const mail = (await mailbox()).find((m) => m.to === email);
    if (mail) {
      expect(mail.text).not.toContain("attacker.example");
      expect(mail.html).not.toContain("attacker.example");
      expect(new URL(await latestLink(email)).origin).toBe(env.APP_ORIGIN);
    }
  });

  it("an invitation sent through a foreign Host points to the app", async () => {
    const org = await makeOrg();
    const admin = await makeMember(org.id, "admin");
    const email = `${unique("invitee")}@example.test`;
    const response = await postFromForeignHost(
      `/o/${org.slug}/team`,
      { intent: "invite", email, role: "viewer" },
      { Cookie: admin.cookie },
    );
    expect(response.status).toBeLessThan(400);
    const link = new URL(await latestLink(email));
    expect(link.origin).toBe(env.APP_ORIGIN);
  });
});

describe("item 9: CSRF defence that lets real same-origin forms through", () => {
  const form = (headers: Record<string, string>) =>
    SELF.fetch(`${ORIGIN}/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "CF-Connecting-IP": freshIp(),
        Host: new URL(ORIGIN).host,
        Accept: "text/html,application/xhtml+xml",
        ...headers,
      },
      body: new URLSearchParams({ email: `${unique("person")}@example.test` }),
    });

  it("accepts a form posted with Origin: null when the browser says Sec-Fetch-Site: same-origin", async () => {
    expect((await form({ Origin: "null", "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect((await form({ "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
  });

  it("refuses every cross-site write, as an HTML page for a form and JSON for a script", async () => {
    const refused: Record<string, string>[] = [
      { Origin: "null" },
      { Origin: "null", "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "same-origin" },
      { Origin: "http://app.localhost", "Sec-Fetch-Site": "same-site" },
      { "Sec-Fetch-Site": "none" },
      {},
    ];
    for (const headers of refused) {
      const response = await form(headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain("<main");
      expect(page).toContain("did not come from a Celerity page");
    }
    const script = await SELF.fetch(`${ORIGIN}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(script.status).toBe(403);
    expect(await script.json()).toMatchObject({ error: { code: "forbidden" } });
  });
});

describe("item 1: ending a session or revoking a token closes its open sockets", () => {
  const CLOSE_SIGNED_OUT = 4401;
  /** A member signed in twice (two devices), each with a socket open on the org. */
  async function twoDevices() {
    const fixture = await makeCampaignOrg();
    const email = `${unique("member")}@example.test`;
    await addMemberByEmail(fixture.org.id, email);
    const laptop = await signInViaLink(email);
    const phone = await signInViaLink(email);
    const teammate = await openSocket(fixture.org.id, fixture.editor.cookie);
    const sockets = {
      laptop: await openSocket(fixture.org.id, laptop.cookie),
      phone: await openSocket(fixture.org.id, phone.cookie),
    };
    for (const socket of [teammate, sockets.laptop, sockets.phone])
      await socket.until((all) => all.some((m) => m.t === "synced"));
    return { ...fixture, email, laptop, phone, teammate, sockets };
  }
  const closedSignedOut = (socket: { closed: () => { code: number } | null }) =>
    socket.closed()?.code === CLOSE_SIGNED_OUT;

  it("signing out closes that session's sockets within 1 s, and only those", async () => {
    const { laptop, sockets, teammate } = await twoDevices();
    expect((await post("/logout", {}, { cookie: laptop.cookie })).status).toBe(302);
    await within(1000, () => closedSignedOut(sockets.laptop), "the laptop's socket closes with 4401");
    expect(sockets.phone.closed()).toBeNull();
    expect(teammate.closed()).toBeNull();
  });

  it("signing out everywhere closes the sockets of every session of that person", async () => {
    const { phone, sockets, teammate, hub, editor, ids } = await twoDevices();
    expect((await post("/logout", { intent: "everywhere" }, { cookie: phone.cookie })).status).toBe(302);
    await within(
      1000,
      () => closedSignedOut(sockets.laptop) && closedSignedOut(sockets.phone),
      "both devices' sockets close",
    );
    const edit = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: "2026-09-07", adSpendCents: 1, salesCents: 2 },
      ],
    });
    expect(edit.ok).toBe(true);
    await teammate.until((all) => all.some((m) => m.t === "event"), "the teammate still receives edits");
  });

  it("revoking a session on the devices page closes its sockets", async () => {
    const { laptop, phone, sockets } = await twoDevices();
    const revoked = await post(
      "/settings/sessions",
      { sessionId: await sha256Hex(laptop.cookie.split("=")[1]!) },
      { cookie: phone.cookie },
    );
    expect(revoked.status).toBe(302);
    await within(1000, () => closedSignedOut(sockets.laptop), "the revoked session's socket closes");
    expect(sockets.phone.closed()).toBeNull();
  });

  it("someone else's session id on the devices page ends nothing and closes nobody's sockets", async () => {
    const { laptop, sockets, editor } = await twoDevices();
    const laptopSession = await sha256Hex(laptop.cookie.split("=")[1]!);
    expect((await post("/settings/sessions", { sessionId: laptopSession }, { cookie: editor.cookie })).status).toBe(
      302,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sockets.laptop.closed()).toBeNull();
    expect((await get("/orgs", laptop.cookie)).status).toBe(200);
  });

  it("revoking an API token closes its events socket", async () => {
    const org = await makeOrg();
    const admin = await makeMember(org.id, "admin");
    const { id, token } = await mintToken(org, { name: "feed", scope: "read", createdBy: admin.user.id });
    const other = await mintToken(org, { name: "other", scope: "read", createdBy: admin.user.id });
    const feed = await openEventsSocket(token);
    const kept = await openEventsSocket(other.token);
    await feed.until((all) => all.some((m) => m.t === "synced"));
    expect(
      (await post(`/o/${org.slug}/settings/api-tokens`, { intent: "revoke", id }, { cookie: admin.cookie })).status,
    ).toBeLessThan(400);
    await within(1000, () => closedSignedOut(feed), "the revoked token's socket closes");
    expect(kept.closed()).toBeNull();
  });
});

describe("item 4: one socket cannot flood its teammates", () => {
  const presence = (clientId: string, cell: string | null) => JSON.stringify({ t: "presence", clientId, cell });

  it("over 1,000 frames in 10 s closes a socket (1008); teammates get few presence frames and every edit", async () => {
    const { org, viewer, editor, hub, ids } = await makeCampaignOrg();
    const flooder = await openSocket(org.id, viewer.cookie);
    const teammates = await Promise.all([openSocket(org.id, editor.cookie), openSocket(org.id, editor.cookie)]);
    for (const socket of [flooder, ...teammates]) await socket.until((all) => all.some((m) => m.t === "synced"));
    for (const socket of teammates) socket.ws.send(presence(ids.client, null));
    await teammates[0]!.until(
      (all) => all.some((m) => m.t === "presence" && m.viewers.length === 1),
      "the teammates see each other",
    );
    const before = teammates.map((socket) => socket.messages.length);

    // Every frame moves the flooder's cursor, so none of them is a repeat the object could skip.
    for (let i = 0; i < 1100; i++)
      flooder.ws.send(presence(ids.client, `${ids.campaign}:2026-09-${String((i % 28) + 1).padStart(2, "0")}`));
    await within(
      2000,
      () => flooder.closed()?.code === SOCKET_CLOSE.limited,
      "the flooding socket is closed with 1008",
    );

    const edit = await hub.mutate(editor.actor, {
      mutations: [
        { kind: "metric.save", campaignId: ids.campaign, weekStart: "2026-09-07", adSpendCents: 500, salesCents: 900 },
      ],
    });
    expect(edit.ok).toBe(true);
    for (const socket of teammates) {
      await socket.until(
        (all) => all.some((m) => m.t === "event" && m.event.type === "metric.saved"),
        "the edit still arrives",
      );
      expect(socket.closed()).toBeNull();
      const presenceFrames = socket.messages
        .slice(before[teammates.indexOf(socket)])
        .filter((m) => m.t === "presence").length;
      // Coalesced: a handful of updates (the flood lasted well under a second, plus the leave), not 1,100.
      expect(presenceFrames).toBeLessThan(20);
    }
  });

  it("caps the sockets one session may open on an org, with a reason", async () => {
    const { org, editor } = await makeCampaignOrg();
    const sockets = [];
    for (let i = 0; i < SOCKET_LIMITS.perCredential; i++) sockets.push(await openSocket(org.id, editor.cookie));
    await Promise.all(sockets.map((socket) => socket.until((all) => all.some((m) => m.t === "synced"))));
    const extra = await openSocket(org.id, editor.cookie);
    await within(1000, () => extra.closed() !== null, "the socket over the cap is closed");
    expect(extra.closed()).toEqual({
      code: SOCKET_CLOSE.limited,
      reason: expect.stringContaining("Too many open connections"),
    });
    expect(sockets.every((socket) => socket.closed() === null)).toBe(true);
  });
});

describe("item 11: hardening", () => {
  it("scripts run by nonce, not 'unsafe-inline': every script of a page carries this response's nonce", async () => {
    const pages = [
      await get("/login"),
      await get(`/o/${(await makeCampaignOrg()).org.slug}`, (await makeCampaignOrg()).editor.cookie),
    ];
    for (const response of pages) {
      const csp = response.headers.get("Content-Security-Policy") ?? "";
      const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
      expect(scriptSrc).not.toContain("unsafe-inline");
      const nonce = scriptSrc.match(/'nonce-([^']+)'/)?.[1];
      expect(nonce, csp).toBeTruthy();
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    const [a, b] = await Promise.all([get("/login"), get("/login")]);
    expect(a.headers.get("Content-Security-Policy")).not.toBe(b.headers.get("Content-Security-Policy"));
  });

  it("authenticated pages and API answers are never stored by a cache", async () => {
    const { org, editor } = await makeCampaignOrg();
    const { token } = await mintToken(org, { name: "r", scope: "read", createdBy: null });
    const answers = [
      await get(`/o/${org.slug}`, editor.cookie),
      await get("/orgs", editor.cookie),
      await get("/settings/sessions", editor.cookie),
      await SELF.fetch(`${ORIGIN}/api/v1/clients`, { headers: { Authorization: `Bearer ${token}` } }),
      await SELF.fetch(`${ORIGIN}/api/v1/clients`),
    ];
    for (const response of answers) expect(response.headers.get("Cache-Control"), response.url).toContain("no-store");
  });

  it("a channel icon is a path on this site or an https address, never protocol-relative", async () => {
    const operator = await createUser(env, "ops@celerity.test");
    const cookie = await sessionCookieFor(env, operator.id);
    for (const iconUrl of [
      "//evil.example/icon.svg",
      "/\\evil.example/icon.svg",
      "/\t/evil.example",
      "http://evil.example/i.svg",
      "javascript:alert(1)",
    ]) {
      const slug = unique("ch")
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "");
      const response = await post("/admin/channels", { name: "Channel", slug, iconUrl }, { cookie });
      expect(response.status, iconUrl).toBe(422);
      expect(await response.text()).toContain("Use a path on this site or an https:// address");
    }
    const fine = await post(
      "/admin/channels",
      {
        name: "Fine",
        slug: unique("fine")
          .toLowerCase()
          .replace(/[^a-z0-9-]/g, ""),
        iconUrl: "/channels/google-ads.svg",
      },
      { cookie },
    );
    expect(fine.status).toBe(200);
  });

  it("the OpenAPI document describes 415, the 422 of an over-long id and the events socket", async () => {
    const doc = (await (await SELF.fetch(`${ORIGIN}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.paths["/clients"]!.post!.responses["415"]).toBeDefined();
    expect(doc.paths["/clients/{id}"]!.get!.responses["422"]).toBeDefined();
    expect(doc.paths["/events"]!.get!.responses["101"]).toBeDefined();
    // And the API really answers so.
    const org = await makeOrg();
    const { token } = await mintToken(org, { name: "w", scope: "write", createdBy: null });
    const auth = { Authorization: `Bearer ${token}` };
    expect(
      (
        await SELF.fetch(`${ORIGIN}/api/v1/clients`, {
          method: "POST",
          headers: { ...auth, "Content-Type": "text/plain" },
          body: "{}",
        })
      ).status,
    ).toBe(415);
    expect((await SELF.fetch(`${ORIGIN}/api/v1/clients/${"x".repeat(65)}`, { headers: auth })).status).toBe(422);
  });
});
