import { env, SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../core/crypto";
import { requestLoginLink } from "../../app/server/login.server";
import { RATE_LIMITS } from "../../app/server/rate-limit.server";
import { controlDb } from "../../db/control/database";
import { loginTokens, sessions, users } from "../../db/control/schema";
import { PARTITION_HEADER } from "../../core/offline";
import { cookieOf, freshIp, get, latestLink, mailbox, ORIGIN, post, signInViaLink, unique } from "./helpers";

const db = () => controlDb(env.DB);
const newEmail = () => `${unique("person")}@example.test`;

describe("magic-link sign-in", () => {
  it("mails a link whose token is stored only as its SHA-256", async () => {
    const email = newEmail();
    const response = await post("/login", { email });
    expect(response.status).toBe(200);
    const mail = (await mailbox()).find((m) => m.to === email)!;
    expect(mail.subject).toBe("Your Celerity sign-in link");
    expect(mail.html).toContain("Sign in to Celerity");
    const token = new URL(await latestLink(email)).searchParams.get("token")!;
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const rows = await db().select().from(loginTokens).where(eq(loginTokens.email, email)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(await sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(10 * 60 * 1000);
  });

  it("answers the same whether or not the email belongs to someone", async () => {
    const known = newEmail();
    await signInViaLink(known);
    const [a, b] = await Promise.all([post("/login", { email: known }), post("/login", { email: newEmail() })]);
    expect(a.status).toBe(b.status);
    // The same page but for the address and the per-response script nonce.
    const strip = (html: string) => html.replace(/[\w.-]+@example\.test/g, "EMAIL").replace(/nonce="[^"]*"/g, "");
    expect(strip(await a.text())).toBe(strip(await b.text()));
  });

  it("refuses a malformed email with a field-level message", async () => {
    const response = await post("/login", { email: "not-an-email" });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("Enter an email address like name@agency.com");
  });

  it("does not spend the token when the link is opened, only when the button is pressed — once", async () => {
    const email = newEmail();
    await post("/login", { email });
    const link = await latestLink(email);
    const token = new URL(link).searchParams.get("token")!;
    // A mail scanner opening the link twice changes nothing.
    for (let i = 0; i < 2; i++)
      expect(await (await get(new URL(link).pathname + new URL(link).search)).text()).toContain(`Continue as`);
    const first = await post("/login/verify", { token });
    expect(first.status).toBe(302);
    expect(first.headers.get("Set-Cookie")).toMatch(
      /^celerity_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/,
    );
    const second = await post("/login/verify", { token });
    expect(second.status).toBe(400);
    expect(second.headers.get("Set-Cookie")).toBeNull();
    expect(await second.text()).toContain("expired or was already used");
  });

  it("refuses an expired token", async () => {
    const email = newEmail();
    await post("/login", { email });
    const token = new URL(await latestLink(email)).searchParams.get("token")!;
    await db()
      .update(loginTokens)
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where(eq(loginTokens.tokenHash, await sha256Hex(token)));
    expect(await (await get(`/login/verify?token=${token}`)).text()).toContain("This link no longer works");
    expect((await post("/login/verify", { token })).status).toBe(400);
  });

  it("creates the user on first sign-in", async () => {
    const email = newEmail();
    expect(await db().select().from(users).where(eq(users.email, email)).get()).toBeUndefined();
    const { cookie, location } = await signInViaLink(email);
    expect(cookie).toMatch(/^celerity_session=/);
    expect(location).toBe("/orgs");
    expect(await db().select().from(users).where(eq(users.email, email)).get()).toMatchObject({ email });
  });

  it("limits link requests per IP and per email, saying when to try again", async () => {
    const ip = freshIp();
    for (let i = 0; i < RATE_LIMITS.loginPerIp.limit; i++)
      expect((await post("/login", { email: newEmail() }, { ip })).status).toBe(200);
    const limited = await post("/login", { email: newEmail() }, { ip });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Too many sign-in requests\. Try again in \d+ s\./);

    // Strangers spending the per-email cap from many addresses: the higher cap stops mail bombing.
    const email = newEmail();
    for (let i = 0; i < RATE_LIMITS.loginPerEmail.limit; i++)
      expect((await post("/login", { email })).status).toBe(200);
    expect((await post("/login", { email })).status).toBe(429);
  });

  it("cannot be spent by strangers: after ten requests from elsewhere the owner still gets a link", async () => {
    const email = newEmail();
    for (let i = 0; i < 10; i++) expect((await post("/login", { email })).status).toBe(200);
    const owner = await post("/login", { email }, { ip: freshIp() });
    expect(owner.status).toBe(200);
    expect(await owner.text()).toContain("Check your inbox");
  });

  it("limits one address asking for one email, hour by hour (fixed clock)", async () => {
    const email = newEmail();
    const request = new Request(`${ORIGIN}/login`, { headers: { "CF-Connecting-IP": freshIp() } });
    const hour = Date.UTC(2026, 10, 2, 9);
    // Ten minutes apart, so the per-minute limit of the address never applies.
    for (let i = 0; i < RATE_LIMITS.loginPerEmailAndIp.limit; i++) {
      expect(
        await requestLoginLink(env, request, { email, redirectTo: null }, new Date(hour + i * 10 * 60_000)),
      ).toEqual({ ok: true });
    }
    const refused = await requestLoginLink(env, request, { email, redirectTo: null }, new Date(hour + 55 * 60_000));
    expect(refused).toEqual({ ok: false, retryAfterS: 5 * 60 });
    expect(await requestLoginLink(env, request, { email, redirectTo: null }, new Date(hour + 60 * 60_000))).toEqual({
      ok: true,
    });
  });

  it("refuses a sign-in post from another site (Origin check)", async () => {
    expect((await post("/login", { email: newEmail() }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/login", { email: newEmail() }, { origin: null })).status).toBe(403);
  });
});

describe("sessions", () => {
  it("get a fresh id at every sign-in, ending the session the browser had", async () => {
    const email = newEmail();
    const first = await signInViaLink(email);
    await post("/login", { email });
    const token = new URL(await latestLink(email)).searchParams.get("token")!;
    const second = await post("/login/verify", { token }, { cookie: first.cookie });
    const fresh = cookieOf(second);
    expect(fresh).not.toBe(first.cookie);
    expect((await get("/settings/sessions", first.cookie)).status).toBe(302);
    expect((await get("/settings/sessions", fresh)).status).toBe(200);
  });

  it("are Secure and __Host- prefixed over HTTPS", async () => {
    const email = newEmail();
    const ip = freshIp();
    const headers = {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://celerity.example",
      Host: "celerity.example",
      "CF-Connecting-IP": ip,
    };
    await SELF.fetch("https://celerity.example/login", {
      method: "POST",
      headers,
      body: new URLSearchParams({ email }),
    });
    const token = new URL(await latestLink(email)).searchParams.get("token")!;
    const response = await SELF.fetch("https://celerity.example/login/verify", {
      method: "POST",
      redirect: "manual",
      headers,
      body: new URLSearchParams({ token }),
    });
    expect(response.headers.get("Set-Cookie")).toMatch(
      /^__Host-celerity_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+; Secure$/,
    );
  });

  it("list the user's devices and can be revoked one by one, but only one's own", async () => {
    const email = newEmail();
    const laptop = await signInViaLink(email);
    const phone = await signInViaLink(email);
    const other = await signInViaLink(newEmail());
    const page = await (await get("/settings/sessions", laptop.cookie)).text();
    expect(page.match(/Revoke|Sign out<\/button>/g)?.length).toBeGreaterThanOrEqual(2);

    const user = await db().select().from(users).where(eq(users.email, email)).get();
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user!.id)).all();
    const phoneHash = await sha256Hex(phone.cookie.split("=")[1]!);
    expect(rows.map((r) => r.idHash)).toContain(phoneHash);

    // Someone else cannot revoke the phone's session...
    await post("/settings/sessions", { sessionId: phoneHash }, { cookie: other.cookie });
    expect((await get("/settings/sessions", phone.cookie)).status).toBe(200);
    // ...the owner can.
    await post("/settings/sessions", { sessionId: phoneHash }, { cookie: laptop.cookie });
    expect((await get("/settings/sessions", phone.cookie)).status).toBe(302);
    expect((await get("/settings/sessions", laptop.cookie)).status).toBe(200);
  });

  it("end on sign-out, and everywhere on 'sign out everywhere'", async () => {
    const email = newEmail();
    const a = await signInViaLink(email);
    const b = await signInViaLink(email);
    const c = await signInViaLink(email);
    const out = await post("/logout", {}, { cookie: a.cookie });
    expect(out.headers.get("Set-Cookie")).toMatch(/^celerity_session=; .*Max-Age=0/);
    expect((await get("/settings/sessions", a.cookie)).status).toBe(302);
    expect((await get("/settings/sessions", b.cookie)).status).toBe(200);
    await post("/logout", { intent: "everywhere" }, { cookie: b.cookie });
    expect((await get("/settings/sessions", b.cookie)).status).toBe(302);
    expect((await get("/settings/sessions", c.cookie)).status).toBe(302);
  });

  it("signing out clears what the browser kept (offline copies, unsent edits); pages say whose they are", async () => {
    const email = newEmail();
    const signed = await signInViaLink(email);
    const userId = (await db().select().from(users).where(eq(users.email, email)).get())!.id;
    // The service worker keeps copies of pages per user: each signed-in answer says whose it is.
    expect((await get("/orgs", signed.cookie)).headers.get(PARTITION_HEADER)).toBe(userId);
    expect((await get("/login")).headers.get(PARTITION_HEADER)).toBeNull();
    // Only pages are kept offline: a data request is not labelled (nor reads the session for it).
    const data = await get("/orgs.data", signed.cookie);
    expect(data.status).toBe(200);
    expect(data.headers.get(PARTITION_HEADER)).toBeNull();
    for (const [path, form] of [
      ["/logout", {}],
      ["/logout", { intent: "everywhere" }],
    ] as const) {
      const { cookie } = await signInViaLink(email);
      const out = await post(path, form, { cookie });
      expect(out.status).toBe(302);
      expect(out.headers.get("Clear-Site-Data")).toBe('"cache", "storage"');
    }
    // Signing this device out from its sessions page does the same.
    const current = await signInViaLink(email);
    const sessionId = await sha256Hex(current.cookie.slice(current.cookie.indexOf("=") + 1));
    const out = await post("/settings/sessions", { sessionId }, { cookie: current.cookie });
    expect(out.headers.get("Clear-Site-Data")).toBe('"cache", "storage"');
  });

  it("send a signed-out visitor to sign in, and back afterwards", async () => {
    const response = await get("/o/anything/team");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fo%2Fanything%2Fteam");
  });
});

describe("the local development tools (the mailbox, the hourly run on demand)", () => {
  it("is not there without DEV_MAILBOX", async () => {
    const { loader: json } = await import("../../app/routes/dev.mailbox[.]json");
    const { loader: page } = await import("../../app/routes/dev.mailbox");
    const { loader: scheduled } = await import("../../app/routes/dev.scheduled");
    const context = { cloudflare: { env: { ...env, DEV_MAILBOX: "" } } } as never;
    for (const loader of [json, page, scheduled]) {
      const thrown = await Promise.resolve(
        loader({ request: new Request(`${ORIGIN}/dev/mailbox`), context, params: {} }),
      ).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });
});
