/**
 * The org's sockets: who each one is, where it is looking, what it has missed, and what it may
 * cost the others. The object hands every socket event here; this decides who hears what.
 */
import type { Connection, ConnectionContext } from "partyserver";
import { can, type Scope, seesClient, visibleClientIds } from "../core/permissions";
import {
  encodeServerMessage,
  parseClientMessage,
  SOCKET_CLOSE,
  type ServerMessage,
  type Viewer,
} from "../core/protocol";
import type { OrgSql } from "../db/org/database";
import { countOpenAlerts } from "../db/org/alerts";
import * as queries from "../db/org/queries";
import { ACTOR_HEADERS, type Actor, actorSchema } from "./actor";
import { EVENT_LOG_KEEP } from "./commit";
import { credentialSchema, socketTag } from "./socket-tags";

/** A socket: who it is, and where in the app it is looking (for presence). */
export type SocketState = Pick<Actor, "userId" | "role" | "clients"> & {
  label: string;
  viewing: string | null;
  cell: string | null;
};

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
const BROADCAST_LIMIT = 500;

/** The part of partyserver's Server the sockets need: its connections, by tag. */
type Connections = { getConnections<S>(tag?: string): Iterable<Connection<S>> };

export class OrgSockets {
  /** Frames each socket sent in its current window (in memory: a flood keeps the object awake). */
  private frames = new Map<string, { start: number; count: number }>();
  private presenceSentAt = new Map<string, number>();
  private presenceDue = new Set<string>();

  constructor(
    private readonly server: Connections,
    private readonly db: OrgSql,
  ) {}

  /** Tags by user and by credential, so a removal, a sign-out or a revoked token finds its sockets. */
  tags(context: ConnectionContext): string[] {
    const userId = context.request.headers.get(ACTOR_HEADERS.userId);
    const credential = credentialSchema.safeParse(context.request.headers.get(ACTOR_HEADERS.credential));
    return [...(userId ? [socketTag.user(userId)] : []), ...(credential.success ? [credential.data] : [])];
  }

  /** A new socket: checked, counted against the caps, then caught up from its `since`. */
  open(connection: Connection<SocketState>, context: ConnectionContext): void {
    const headers = context.request.headers;
    const actor = actorSchema.safeParse({
      userId: headers.get(ACTOR_HEADERS.userId),
      role: headers.get(ACTOR_HEADERS.role),
      clients: parseJson(headers.get(ACTOR_HEADERS.clients)),
    });
    const credential = credentialSchema.safeParse(headers.get(ACTOR_HEADERS.credential));
    // Without a credential nothing could end this socket: refused like an anonymous one.
    if (!actor.success || !credential.success) {
      connection.close(SOCKET_CLOSE.signedOut, "Not signed in");
      return;
    }
    // The new socket is already counted (tags are set before onConnect).
    if (
      count(this.server.getConnections(credential.data)) > SOCKET_LIMITS.perCredential ||
      count(this.server.getConnections(socketTag.user(actor.data.userId))) > SOCKET_LIMITS.perUser
    ) {
      connection.close(SOCKET_CLOSE.limited, "Too many open connections: close some tabs of this organization");
      return;
    }
    const label = decodeURIComponent(headers.get(ACTOR_HEADERS.label) ?? "Someone");
    const { userId, role, clients } = actor.data;
    connection.setState({ userId, role, clients, label, viewing: null, cell: null });
    // `since` absent: a fresh page, current as of now. `since=0`: everything from the start.
    const param = new URL(context.request.url).searchParams.get("since");
    const since = param === null || param === "" ? Number.NaN : Number(param);
    this.catchUp(connection, Number.isSafeInteger(since) && since >= 0 ? since : null);
  }

  /** A frame from the browser: only presence is understood; too many frames close the socket. */
  message(connection: Connection<SocketState>, raw: string | ArrayBuffer | ArrayBufferView): void {
    if (!this.withinFrameBudget(connection.id)) {
      connection.close(SOCKET_CLOSE.limited, "Too many messages");
      return;
    }
    const message = parseClientMessage(raw);
    const state = connection.state;
    if (!message || !state) return; // anything else a socket sends is ignored, never trusted
    // A client id that is not this org's (another org's, or made up), or one this socket may not
    // see, is nobody's page here: no presence is told about it, nor to it.
    if (
      message.clientId !== null &&
      (!seesClient(state, message.clientId) || !queries.getClient(this.db, message.clientId))
    )
      return;
    if (message.clientId === state.viewing && message.cell === state.cell) return; // nothing changed
    const previous = state.viewing;
    connection.setState({ ...state, viewing: message.clientId, cell: message.cell });
    if (previous && previous !== message.clientId) this.schedulePresence(previous);
    if (message.clientId) this.schedulePresence(message.clientId);
  }

  closed(connection: Connection<SocketState>): void {
    this.frames.delete(connection.id);
    const viewing = connection.state?.viewing;
    if (viewing) this.broadcastPresence(viewing, connection.id);
  }

  /**
   * A member's role or client grants changed (re-scope their sockets, which reload what they
   * show, so a page of a client no longer theirs answers 404) or they were removed (close, 4403).
   */
  memberAccess(userId: string, scope: Scope | null): number {
    let sockets = 0;
    const reload = encodeServerMessage({ t: "reload", seq: queries.lastSeq(this.db) });
    for (const connection of this.server.getConnections<SocketState>(socketTag.user(userId))) {
      sockets++;
      if (scope === null) {
        connection.close(SOCKET_CLOSE.removed, "You are no longer a member of this organization");
        continue;
      }
      const state = connection.state as SocketState;
      const viewing = state.viewing !== null && seesClient(scope, state.viewing) ? state.viewing : null;
      connection.setState({ ...state, role: scope.role, clients: scope.clients, viewing, cell: viewing && state.cell });
      if (viewing !== state.viewing && state.viewing) this.schedulePresence(state.viewing);
      connection.send(reload);
    }
    return sockets;
  }

  /** Sessions ended or a token revoked: their sockets close now, with 4401. */
  closeTagged(tags: string[]): number {
    let sockets = 0;
    for (const tag of tags) {
      for (const connection of this.server.getConnections(tag)) {
        sockets++;
        connection.close(SOCKET_CLOSE.signedOut, "Signed out");
      }
    }
    return sockets;
  }

  /** Tells every page to reload its data (a change too wide to send event by event). */
  reload(seq: number): void {
    const message = encodeServerMessage({ t: "reload", seq });
    for (const connection of this.server.getConnections<SocketState>()) connection.send(message);
  }

  /**
   * Sends each committed event to the sockets that may see it. A bulk change (an import) sends
   * one "reload" instead of thousands of events; the log still has them all for resync.
   */
  broadcast(committed: queries.StoredEvent[]): void {
    if (committed.length === 0) return;
    if (committed.length > BROADCAST_LIMIT) {
      this.reload(committed.at(-1)!.event.seq);
      return;
    }
    for (const stored of committed) {
      const message = encodeServerMessage({ t: "event", event: stored.event });
      for (const connection of this.server.getConnections<SocketState>()) {
        if (this.maySee(connection, stored.clientId)) connection.send(message);
      }
    }
  }

  /**
   * Alerts of these clients opened or resolved: each socket that may see one of them hears how
   * many alerts it may see are open now (counted once per scope, not once per socket).
   */
  alerts(changedClients: string[]): void {
    if (changedClients.length === 0) return;
    const counts = new Map<string, number>();
    for (const connection of this.server.getConnections<SocketState>()) {
      const state = connection.state;
      if (!state || !changedClients.some((clientId) => this.maySee(connection, clientId))) continue;
      const visible = visibleClientIds(state);
      const key = JSON.stringify(visible);
      let open = counts.get(key);
      if (open === undefined) {
        open = countOpenAlerts(this.db, visible, Date.now());
        counts.set(key, open);
      }
      this.send(connection, { t: "alerts", open });
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
    const here = [...this.server.getConnections<SocketState>()].filter(
      (c) => c.id !== leaving && c.state?.viewing === clientId,
    );
    const viewers: Viewer[] = here.map((c) => ({
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
   * Whether a socket may receive news about a client: the one place sockets are filtered. A scope
   * limited to clients hears only about them (and nothing that belongs to no client).
   */
  private maySee(connection: Connection<SocketState>, clientId: string | null): boolean {
    const state = connection.state;
    if (state === null || !can(state.role, "org.view")) return false;
    if (state.clients === null) return true;
    return clientId !== null && seesClient(state, clientId);
  }

  private send(connection: Connection, message: ServerMessage): void {
    connection.send(encodeServerMessage(message));
  }
}

function parseJson(value: string | null): unknown {
  try {
    return value === null ? undefined : JSON.parse(value);
  } catch {
    return undefined;
  }
}

function count(items: Iterable<unknown>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}
