/**
 * OrgHub: one per organization, addressed by the org id. It owns the org's SQLite database,
 * is its only writer, and broadcasts every committed change to the org's sockets.
 */
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { type Connection, type ConnectionContext, Server } from "partyserver";
import { z } from "zod";
import { can } from "../core/permissions";
import { ORG_ROLES } from "../core/permissions";
import { type OrgSql, schema } from "../db/org/database";
import { applyMutation, type Change, MutationError } from "../db/org/mutations";
import type { MutationFailure } from "../core/failures";
import * as queries from "../db/org/queries";
import migrations from "../migrations/org/migrations";
import { credentialSchema, socketTag } from "./socket-tags";
import { type ImportBatch, importBatchSchema, mutationBatchSchema, type MutationBatch } from "../core/mutations";
import { sha256Hex } from "../core/crypto";
import {
  encodeServerMessage,
  parseClientMessage,
  SOCKET_CLOSE,
  type OrgEvent,
  type ServerMessage,
} from "../core/protocol";

/** Who is acting: established by the Worker from a session or API token, re-checked here. */
export const actorSchema = z.object({ userId: z.string().min(1), role: z.enum(ORG_ROLES) });
export type Actor = z.infer<typeof actorSchema>;

/** Headers through which the Worker hands a verified actor to the socket (never the browser's). */
export const ACTOR_HEADERS = {
  userId: "x-celerity-user-id",
  role: "x-celerity-role",
  label: "x-celerity-user-label",
  credential: "x-celerity-credential",
} as const;

/** A socket: who it is, and where in the app it is looking (for presence). */
type SocketState = Actor & { label: string; viewing: string | null; cell: string | null };

/**
 * What one socket may cost the others. Presence is coalesced per client page to one broadcast
 * per `presenceEveryMs`; a socket sending more than `frames` in `windowMs` is closed; a session
 * (or token) and a user may hold only so many sockets on one org.
 */
export const SOCKET_LIMITS = {
  frames: 1000,
  windowMs: 10_000,
  presenceEveryMs: 250,
  perCredential: 20,
  perUser: 50,
} as const;

/** More changes than this in one commit are announced as one "reload", not event by event. */
export const BROADCAST_LIMIT = 500;

/** How many events the log keeps for resync; a socket further behind reloads its data. */
export const EVENT_LOG_KEEP = 10_000;

/** How long an idempotency key is remembered: a retry within it is answered as the first try was. */
export const IDEMPOTENCY_KEY_TTL_MS = 30 * 24 * 3600_000;

export type ChannelSeed = { id: string; slug: string; name: string; iconUrl: string | null };

export type ImportResult =
  | { ok: true; created: number; updated: number; unchanged: number; seq: number }
  | { ok: false; error: MutationFailure };

function invalid(error: z.ZodError): MutationFailure {
  return {
    code: "invalid",
    message: "Some values are not valid",
    issues: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  };
}

/** Which clients' weekly totals (and which weeks) a set of changes moves. */
function totalsToRefresh(changes: Change[]): Map<string, queries.TotalsScope> {
  const scopes = new Map<string, queries.TotalsScope>();
  for (const change of changes) {
    const scope = scopes.get(change.clientId);
    if (scope === "all") continue;
    if (change.type === "metric.saved" && "weekStart" in change.data) {
      scopes.set(change.clientId, new Set([...(scope ?? []), change.data.weekStart]));
    } else if (change.type === "campaign.updated" || change.type.endsWith(".deleted")) {
      // A target changed or rows went away: every week of that client may differ.
      scopes.set(change.clientId, "all");
    }
  }
  return scopes;
}

/** The object's own check of every write: who may make it, and whether it is well formed. */
function checkWrite<S extends z.ZodType>(
  actorInput: unknown,
  schema: S,
  input: unknown,
): { ok: true; actor: Actor; batch: z.output<S> } | { ok: false; error: MutationFailure } {
  const actor = actorSchema.safeParse(actorInput);
  if (!actor.success || !can(actor.data.role, "tracker.edit")) {
    return { ok: false, error: { code: "forbidden", message: "Your role does not allow editing this organization" } };
  }
  const batch = schema.safeParse(input);
  if (!batch.success) return { ok: false, error: invalid(batch.error) };
  return { ok: true, actor: actor.data, batch: batch.data };
}

export type MutateResult =
  | { ok: true; seq: number; events: OrgEvent[]; replayed: boolean }
  | { ok: false; error: MutationFailure };

export class OrgHub extends Server<Env> {
  static options = { hibernate: true };

  readonly db: OrgSql;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema });
    // Runs before any request or RPC reaches the object, so every caller sees the latest schema.
    void ctx.blockConcurrencyWhile(async () => {
      await migrate(this.db, migrations);
    });
  }

  // ── RPC: provisioning and reads ──────────────────────────────────────────────────────────

  /** Makes the org's database ready: copies the shared channel lookup. Safe to repeat. */
  provision(channels: ChannelSeed[]): { channels: number } {
    this.db.transaction((tx) => {
      for (const channel of channels) {
        tx.insert(schema.channels)
          .values(channel)
          .onConflictDoUpdate({
            target: schema.channels.id,
            set: { slug: channel.slug, name: channel.name, iconUrl: channel.iconUrl },
          })
          .run();
      }
    });
    return { channels: channels.length };
  }

  listClients() {
    return queries.listClients(this.db);
  }

  listChannels() {
    return queries.listChannels(this.db);
  }

  // Single rows and one level of children, for the external API. A list is null when its parent
  // does not exist, so the API tells 404 from an empty list in one round trip.
  client(id: string) {
    return queries.getClient(this.db, id) ?? null;
  }

  clientChannels(clientId: string) {
    return queries.getClient(this.db, clientId) ? queries.listClientChannels(this.db, clientId) : null;
  }

  campaignGroups(clientChannelId: string) {
    return queries.getClientChannel(this.db, clientChannelId)
      ? queries.listCampaignGroups(this.db, clientChannelId)
      : null;
  }

  campaigns(campaignGroupId: string) {
    return queries.getCampaignGroup(this.db, campaignGroupId) ? queries.listCampaigns(this.db, campaignGroupId) : null;
  }

  listMetrics(campaignId: string, from: string, to: string) {
    return queries.getCampaign(this.db, campaignId) ? queries.listMetrics(this.db, campaignId, from, to) : null;
  }

  clientStructure(clientId: string) {
    return queries.clientStructure(this.db, clientId);
  }

  clientGrid(clientId: string, from: string, to: string) {
    const grid = queries.clientGrid(this.db, clientId, from, to);
    return grid && { ...grid, seq: queries.lastSeq(this.db) };
  }

  /** One page of active clients with their weeks, and the whole org's last week. */
  dashboard(from: string, to: string, channelSlug: string | undefined, page: number, pageSize: number) {
    const { rows: clients, total } = queries.pageOfActiveClients(this.db, page * pageSize, pageSize);
    const ids = clients.map((c) => c.id);
    return {
      clients,
      totalClients: total,
      channels: queries.listChannels(this.db),
      totals: ids.length > 0 ? queries.clientWeekTotals(this.db, ids, from, to, channelSlug) : [],
      orgLastWeek: queries.orgWeekTotals(this.db, to, channelSlug),
      seq: queries.lastSeq(this.db),
    };
  }

  exportRows(from: string, to: string, clientId?: string) {
    return queries.exportRows(this.db, from, to, clientId);
  }

  stats() {
    return { ...queries.countRows(this.db), seq: queries.lastSeq(this.db) };
  }

  /**
   * A member's access changed: re-scope their open sockets to the new role, or close them when
   * they were removed. Called by the Worker right after the change is committed in D1.
   */
  updateMemberAccess(userId: string, role: Actor["role"] | null): { sockets: number } {
    let sockets = 0;
    for (const connection of this.getConnections<SocketState>(socketTag.user(userId))) {
      sockets++;
      if (role === null) connection.close(SOCKET_CLOSE.removed, "You are no longer a member of this organization");
      else connection.setState((state) => ({ ...(state as SocketState), userId, role }));
    }
    return { sockets };
  }

  /**
   * Sessions ended (sign-out, "everywhere", revoked on the devices page) or a token revoked:
   * their sockets close now, with 4401. Called by the Worker right after the change in D1.
   */
  closeSockets(tags: string[]): { sockets: number } {
    let sockets = 0;
    for (const tag of tags) {
      for (const connection of this.getConnections(tag)) {
        sockets++;
        connection.close(SOCKET_CLOSE.signedOut, "Signed out");
      }
    }
    return { sockets };
  }

  // ── RPC: the one write path ──────────────────────────────────────────────────────────────

  /**
   * Applies a batch of mutations in one transaction: all or nothing. Each applied mutation
   * appends an event with the next seq and an audit row; the events are broadcast after commit.
   */
  async mutate(actorInput: Actor, batchInput: MutationBatch): Promise<MutateResult> {
    const checked = checkWrite(actorInput, mutationBatchSchema, batchInput);
    if (!checked.ok) return checked;
    const { actor, batch } = checked;
    const { mutationId: key, mutations } = batch;
    // Hashed before the synchronous part: from the key lookup to the commit nothing else runs.
    const payloadHash = key ? await sha256Hex(JSON.stringify(mutations)) : "";
    if (key) {
      const earlier = queries.findIdempotencyKey(this.db, key);
      if (earlier && (earlier.actor !== actor.userId || earlier.payloadHash !== payloadHash)) {
        return {
          ok: false,
          error: {
            code: "key_reused",
            message:
              "This save's key was already used for a different change; nothing was saved. " +
              "Reload the page and try again.",
          },
        };
      }
      if (earlier) return { ok: true, seq: earlier.events.at(-1)?.seq ?? 0, events: earlier.events, replayed: true };
    }

    const result = this.commit(
      actor,
      (db, now) =>
        mutations.map((mutation, index) => {
          try {
            return applyMutation(db, mutation, now);
          } catch (error) {
            if (error instanceof MutationError) throw Object.assign(error, { index });
            throw error;
          }
        }),
      (events, at) =>
        key && queries.storeIdempotencyKey(this.db, { key, actor: actor.userId, payloadHash, events, at }),
    );
    if (!result.ok) return result;
    const last = result.committed.at(-1)!.event.seq;
    return { ok: true, seq: last, events: result.committed.map((e) => e.event), replayed: false };
  }

  /**
   * Writes imported weeks over what is there, skipping rows whose numbers are already the same,
   * so that importing a file twice changes nothing the second time. One transaction per call.
   */
  importMetrics(actorInput: Actor, batchInput: ImportBatch): ImportResult {
    const checked = checkWrite(actorInput, importBatchSchema, batchInput);
    if (!checked.ok) return checked;
    const { actor, batch } = checked;
    let unchanged = 0;
    let created = 0;
    const result = this.commit(actor, (db, now) =>
      batch.rows.flatMap((row, index) => {
        const existing = queries.getMetric(db, row.campaignId, row.weekStart);
        if (existing && existing.adSpendCents === row.adSpendCents && existing.salesCents === row.salesCents) {
          unchanged++;
          return [];
        }
        if (!existing) created++;
        try {
          return [applyMutation(db, { kind: "metric.save", ...row, overwrite: true }, now)];
        } catch (error) {
          if (error instanceof MutationError) throw Object.assign(error, { index });
          throw error;
        }
      }),
    );
    if (!result.ok) return result;
    const changed = result.committed.length;
    return {
      ok: true,
      created,
      updated: changed - created,
      unchanged,
      seq: result.committed.at(-1)?.event.seq ?? queries.lastSeq(this.db),
    };
  }

  /**
   * One transaction: apply, append an event and an audit row per change, let `record` keep what
   * was committed (the idempotency key), trim the logs, then broadcast.
   */
  private commit(
    actor: Actor,
    apply: (db: OrgSql, now: Date) => Change[],
    record?: (events: OrgEvent[], at: number) => void,
  ): { ok: true; committed: queries.StoredEvent[] } | { ok: false; error: MutationFailure } {
    const now = new Date();
    const at = now.getTime();
    let committed: queries.StoredEvent[];
    try {
      // Every statement runs on the root handle, whose prepared statements are reused; inside
      // the callback they are part of the transaction all the same (one storage, one transaction).
      committed = this.db.transaction(() => {
        const changes = apply(this.db, now);
        for (const [clientId, scope] of totalsToRefresh(changes)) queries.refreshTotals(this.db, clientId, scope);
        const stored = changes.map((change) => {
          const seq = queries.appendEvent(this.db, {
            type: change.type,
            entity: change.entity,
            entityId: change.id,
            clientId: change.clientId,
            data: change.data,
            version: change.version,
            actor: actor.userId,
            at,
          });
          queries.appendAudit(this.db, {
            at,
            actor: actor.userId,
            action: change.type,
            entity: change.entity,
            entityId: change.id,
            before: change.before,
            after: change.data,
          });
          const event = {
            seq,
            type: change.type,
            entity: change.entity,
            id: change.id,
            data: change.data,
            version: change.version,
            actor: actor.userId,
            at,
          } as OrgEvent;
          return { clientId: change.clientId, event };
        });
        if (stored.length > 0) {
          record?.(
            stored.map((s) => s.event),
            at,
          );
          // By count after every commit, so the log never holds more than a socket can replay.
          queries.trimEvents(this.db, stored.at(-1)!.event.seq - EVENT_LOG_KEEP);
          queries.trimIdempotencyKeys(this.db, at - IDEMPOTENCY_KEY_TTL_MS);
        }
        return stored;
      });
    } catch (error) {
      if (error instanceof MutationError) {
        const index = (error as MutationError & { index?: number }).index;
        return { ok: false, error: { code: error.code, message: error.message, index, current: error.current } };
      }
      throw error;
    }
    if (committed.length > 0) this.broadcastEvents(committed);
    return { ok: true, committed };
  }

  // ── Sockets ──────────────────────────────────────────────────────────────────────────────

  getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    const userId = context.request.headers.get(ACTOR_HEADERS.userId);
    const credential = credentialSchema.safeParse(context.request.headers.get(ACTOR_HEADERS.credential));
    return [...(userId ? [socketTag.user(userId)] : []), ...(credential.success ? [credential.data] : [])];
  }

  onConnect(connection: Connection<SocketState>, context: ConnectionContext): void {
    const headers = context.request.headers;
    const actor = actorSchema.safeParse({
      userId: headers.get(ACTOR_HEADERS.userId),
      role: headers.get(ACTOR_HEADERS.role),
    });
    const credential = credentialSchema.safeParse(headers.get(ACTOR_HEADERS.credential));
    // Without a credential nothing could end this socket: refused like an anonymous one.
    if (!actor.success || !credential.success) {
      connection.close(SOCKET_CLOSE.signedOut, "Not signed in");
      return;
    }
    // The new socket is already counted (tags are set before onConnect).
    if (
      count(this.getConnections(credential.data)) > SOCKET_LIMITS.perCredential ||
      count(this.getConnections(socketTag.user(actor.data.userId))) > SOCKET_LIMITS.perUser
    ) {
      connection.close(SOCKET_CLOSE.limited, "Too many open connections: close some tabs of this organization");
      return;
    }
    const label = decodeURIComponent(headers.get(ACTOR_HEADERS.label) ?? "Someone");
    connection.setState({ ...actor.data, label, viewing: null, cell: null });
    // `since` absent: a fresh page, current as of now. `since=0`: everything from the start.
    const param = new URL(context.request.url).searchParams.get("since");
    const since = param === null || param === "" ? NaN : Number(param);
    this.catchUp(connection, Number.isSafeInteger(since) && since >= 0 ? since : null);
  }

  /** Frames each socket sent in its current window (in memory: a flood keeps the object awake). */
  private frames = new Map<string, { start: number; count: number }>();

  onMessage(connection: Connection<SocketState>, raw: string | ArrayBuffer | ArrayBufferView): void {
    if (!this.withinFrameBudget(connection.id)) {
      connection.close(SOCKET_CLOSE.limited, "Too many messages");
      return;
    }
    const message = parseClientMessage(raw);
    const state = connection.state;
    if (!message || !state) return; // anything else a socket sends is ignored, never trusted
    if (message.clientId === state.viewing && message.cell === state.cell) return; // nothing changed
    const previous = state.viewing;
    connection.setState({ ...state, viewing: message.clientId, cell: message.cell });
    if (previous && previous !== message.clientId) this.schedulePresence(previous);
    if (message.clientId) this.schedulePresence(message.clientId);
  }

  onClose(connection: Connection<SocketState>): void {
    this.frames.delete(connection.id);
    const viewing = connection.state?.viewing;
    if (viewing) this.broadcastPresence(viewing, connection.id);
  }

  private withinFrameBudget(connectionId: string): boolean {
    const now = Date.now();
    const window = this.frames.get(connectionId);
    if (!window || now - window.start >= SOCKET_LIMITS.windowMs) {
      this.frames.set(connectionId, { start: now, count: 1 });
      return true;
    }
    window.count++;
    return window.count <= SOCKET_LIMITS.frames;
  }

  private presenceSentAt = new Map<string, number>();
  private presenceDue = new Set<string>();

  /**
   * Presence for a client page goes out at once, then at most once per `presenceEveryMs`: a
   * socket moving fast (or flooding) costs its teammates a few frames a second, not one each.
   */
  private schedulePresence(clientId: string): void {
    if (this.presenceDue.has(clientId)) return;
    const wait = (this.presenceSentAt.get(clientId) ?? 0) + SOCKET_LIMITS.presenceEveryMs - Date.now();
    if (wait <= 0) {
      this.broadcastPresence(clientId);
      return;
    }
    this.presenceDue.add(clientId);
    setTimeout(() => {
      this.presenceDue.delete(clientId);
      this.broadcastPresence(clientId);
    }, wait);
  }

  /** Tells every socket on a client's page who else is there and which cells they edit. */
  private broadcastPresence(clientId: string, leaving?: string): void {
    this.presenceSentAt.set(clientId, Date.now());
    const here = [...this.getConnections<SocketState>()].filter(
      (c) => c.id !== leaving && c.state?.viewing === clientId,
    );
    const viewers = here.map((c) => ({
      id: c.id,
      userId: c.state!.userId,
      label: c.state!.label,
      cell: c.state!.cell,
    }));
    // Each socket hears about the others, never itself (its person's other tabs are others).
    for (const connection of here) {
      if (!this.maySee(connection, clientId)) continue;
      this.send(connection, { t: "presence", clientId, viewers: viewers.filter((v) => v.id !== connection.id) });
    }
  }

  /**
   * Replays everything a reconnecting socket missed, contiguously, then says it is in sync; or,
   * when the log no longer holds all of it (or the socket claims a seq the org never had), tells
   * it to reload. Never "synced" over a gap.
   */
  private catchUp(connection: Connection<SocketState>, since: number | null): void {
    const latest = queries.lastSeq(this.db);
    if (since === null || since === latest) {
      this.send(connection, { t: "synced", seq: latest });
      return;
    }
    const missed = since < latest ? queries.eventsAfter(this.db, since, EVENT_LOG_KEEP) : [];
    if (missed.length === 0 || missed[0]!.event.seq !== since + 1 || missed.at(-1)!.event.seq !== latest) {
      this.send(connection, { t: "reload", seq: latest });
      return;
    }
    for (const stored of missed) {
      if (this.maySee(connection, stored.clientId)) this.send(connection, { t: "event", event: stored.event });
    }
    this.send(connection, { t: "synced", seq: latest });
  }

  /**
   * Sends each committed event to the sockets that may see it. A bulk change (an import) sends
   * one "reload" instead of thousands of events; the log still has them all for resync.
   */
  private broadcastEvents(committed: queries.StoredEvent[]): void {
    if (committed.length > BROADCAST_LIMIT) {
      const reload = encodeServerMessage({ t: "reload", seq: committed.at(-1)!.event.seq });
      for (const connection of this.getConnections<SocketState>()) connection.send(reload);
      return;
    }
    for (const stored of committed) {
      const message = encodeServerMessage({ t: "event", event: stored.event });
      for (const connection of this.getConnections<SocketState>()) {
        if (this.maySee(connection, stored.clientId)) connection.send(message);
      }
    }
  }

  /**
   * Whether a socket may receive news about a client. Every org role sees every client today;
   * per-client grants (client_roles) will narrow it here, the one place sockets are filtered.
   */
  private maySee(connection: Connection<SocketState>, _clientId: string | null): boolean {
    const state = connection.state;
    return state !== null && can(state.role, "org.view");
  }

  private send(connection: Connection, message: ServerMessage): void {
    connection.send(encodeServerMessage(message));
  }
}

function count(items: Iterable<unknown>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}
