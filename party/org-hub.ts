/**
 * OrgHub: one per organization, addressed by the org id. It owns the org's SQLite database, is
 * its only writer, and broadcasts every committed change to the org's sockets. The work lives in
 * three modules: reads in db/org/queries.ts, the write path in commit.ts, the sockets in
 * sockets.ts; this class is the object's RPC surface and partyserver's hooks.
 */
import { drizzle } from "drizzle-orm/durable-sqlite";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import { type Connection, type ConnectionContext, Server } from "partyserver";
import { sha256Hex } from "../core/crypto";
import type { NumberFormat } from "../core/decimal";
import type { Currency, Display } from "../core/money";
import { reportPoc } from "../core/poc";
import type { MutationFailure } from "../core/failures";
import { type ImportBatch, importBatchSchema, type MutationBatch, mutationBatchSchema } from "../core/mutations";
import type { AnnotationEntity, OrgEvent } from "../core/protocol";
import { type AlertRules, type AlertStatus, weekDue } from "../core/alerts";
import { alertRulesSchema } from "../core/alert-forms";
import { lastCompleteWeek } from "../core/weeks";
import { canInOrg, canOnClient, type Scope } from "../core/permissions";
import { type OrgSql, schema } from "../db/org/database";
import {
  type AuditFilter,
  type AuditPosition,
  auditPage,
  cellHistory,
  importedCells,
  listImports,
} from "../db/org/audit";
import {
  type AlertRow,
  alertRun,
  claimUnnotified,
  countOpenAlerts,
  evaluateAllAlerts,
  evaluateTimeBasedAlerts,
  getAlert,
  listAlerts,
  readAlertRules,
  setMuted,
  readDisplay,
  unmuteExpired,
  writeAlertRules,
  writeDisplay,
} from "../db/org/alerts";
import { applyMutation, type Change } from "../db/org/mutations";
import { pocData, portfolioData } from "../db/org/poc";
import * as queries from "../db/org/queries";
import migrations from "../migrations/org/migrations";
import { type Actor, actorSchema } from "./actor";
import { atIndex, checkClientScope, checkWrite, commit } from "./commit";
import { OrgSockets, type SocketState } from "./sockets";

export type { Actor } from "./actor";

export type ChannelSeed = { id: string; slug: string; name: string; iconUrl: string | null };

/** `alertsOpened`: alerts the write opened, for the "at once" mail the caller sends after it. */
export type ImportResult =
  | { ok: true; created: number; updated: number; unchanged: number; seq: number; alertsOpened: number }
  | { ok: false; error: MutationFailure };

export type UndoImportResult =
  | {
      ok: true;
      reverted: number;
      kept: { campaignId: string; weekStart: string }[];
      seq: number;
      alertsOpened: number;
    }
  | { ok: false; error: MutationFailure };

export type MutateResult =
  | { ok: true; seq: number; events: OrgEvent[]; replayed: boolean; alertsOpened: number }
  | { ok: false; error: MutationFailure };

const pick = (row: { adSpendCents: number; salesCents: number }) => ({
  adSpendCents: row.adSpendCents,
  salesCents: row.salesCents,
});

export class OrgHub extends Server<Env> {
  static options = { hibernate: true };

  readonly db: OrgSql;
  private readonly sockets: OrgSockets;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = drizzle(ctx.storage, { schema });
    this.sockets = new OrgSockets(this, this.db);
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

  /** Every client, or only `clientIds` (a scope limited to clients). */
  listClients(clientIds: string[] | null = null) {
    return queries.listClients(this.db, clientIds);
  }

  /** The client something belongs to (null when it is not there): how a limited scope is judged. */
  clientOf(entity: AnnotationEntity, id: string): string | null {
    return queries.clientIdOf(this.db, entity, id) ?? null;
  }

  listChannels() {
    return queries.listChannels(this.db);
  }

  // Single rows and one level of children, for the external API. A list is null when its parent
  // does not exist, so the API tells 404 from an empty list in one round trip.
  client(id: string) {
    return queries.getClient(this.db, id) ?? null;
  }

  clientChannel(id: string) {
    return queries.getClientChannel(this.db, id) ?? null;
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
  dashboard(
    from: string,
    to: string,
    channelSlug: string | undefined,
    page: number,
    pageSize: number,
    clientIds: string[] | null = null,
  ) {
    const { rows: clients, total } = queries.pageOfActiveClients(this.db, page * pageSize, pageSize, clientIds);
    const ids = clients.map((c) => c.id);
    return {
      clients,
      totalClients: total,
      channels: queries.listChannels(this.db),
      totals: ids.length > 0 ? queries.clientWeekTotals(this.db, ids, from, to, channelSlug) : [],
      orgLastWeek: queries.orgWeekTotals(this.db, to, channelSlug, clientIds),
      seq: queries.lastSeq(this.db),
    };
  }

  exportRows(from: string, to: string, clientId?: string, clientIds: string[] | null = null) {
    return queries.exportRows(this.db, from, to, clientId, clientIds);
  }

  /** A page of the audit log, newest first (db/org/audit.ts). */
  audit(filter: AuditFilter, position: AuditPosition | null, limit: number) {
    return auditPage(this.db, filter, position, limit);
  }

  /**
   * Every change of one campaign's week, newest first, with the campaign and the week as they
   * are now; null when the campaign is not there.
   */
  cellHistory(campaignId: string, weekStart: string) {
    const campaign = queries.getCampaign(this.db, campaignId);
    if (!campaign) return null;
    return {
      campaign: { id: campaign.id, name: campaign.name, clientId: campaign.clientId },
      current: queries.getMetric(this.db, campaignId, weekStart) ?? null,
      changes: cellHistory(this.db, campaignId, weekStart),
    };
  }

  imports(clientId: string) {
    return listImports(this.db, clientId);
  }

  /** Alerts in one state, newest first (only `clientIds`' for a scope limited to clients). */
  alerts(status: AlertStatus, clientIds: string[] | null = null) {
    return listAlerts(this.db, status, clientIds, Date.now());
  }

  /** The inbox: alerts in one state, and the log's seq for the page's socket to resume from. */
  inbox(status: AlertStatus, clientIds: string[] | null = null) {
    return { alerts: this.alerts(status, clientIds), seq: queries.lastSeq(this.db) };
  }

  /** How many alerts are open (the header's badge). */
  openAlertCount(clientIds: string[] | null = null): number {
    return countOpenAlerts(this.db, clientIds, Date.now());
  }

  alertRules(): AlertRules {
    return readAlertRules(this.db);
  }

  /**
   * An admin's new rules: saved and audited, then every alert judged again under them (a rule
   * turned off resolves its alerts; a lower threshold may open some), in one transaction.
   */
  setAlertRules(
    actorInput: Actor,
    rulesInput: AlertRules,
    timeZone: string,
  ): { ok: true } | { ok: false; error: MutationFailure } {
    const actor = actorSchema.safeParse(actorInput);
    if (!actor.success || !canInOrg(actor.data, "org.settings"))
      return { ok: false, error: { code: "forbidden", message: "Only an admin can change the alert rules" } };
    const rules = alertRulesSchema.safeParse(rulesInput);
    if (!rules.success) return { ok: false, error: { code: "invalid", message: "Those rules are not valid" } };
    const now = new Date();
    const at = now.getTime();
    const run = this.db.transaction(() => {
      const before = readAlertRules(this.db);
      writeAlertRules(this.db, rules.data, at);
      queries.appendAudit(this.db, {
        at,
        actor: actor.data.userId,
        actorLabel: actor.data.label,
        action: "alertRules.updated",
        entity: "alertRules",
        entityId: "rules",
        before,
        after: rules.data,
        country: actor.data.country,
        userAgent: actor.data.userAgent,
      });
      return evaluateAllAlerts(alertRun(this.db, at), lastCompleteWeek(now), weekDue(now, timeZone));
    });
    this.sockets.alerts([...run.changed]);
    return { ok: true };
  }

  /**
   * Mutes an open alert until a time, or unmutes it (`until` null), for everyone: whoever may
   * edit its client. A resolved alert cannot be muted (nothing to silence).
   */
  muteAlert(actorInput: Actor, id: string, until: number | null): { ok: true } | { ok: false; error: MutationFailure } {
    const actor = actorSchema.safeParse(actorInput);
    const alert = getAlert(this.db, id);
    const answer = actor.success && alert ? canOnClient(actor.data, alert.clientId, "tracker.edit") : "hidden";
    if (!actor.success || !alert || answer === "hidden")
      return { ok: false, error: { code: "not_found", message: "Alert not found" } };
    if (answer === "no")
      return { ok: false, error: { code: "forbidden", message: "Your role does not allow muting alerts" } };
    if (alert.status === "resolved")
      return { ok: false, error: { code: "conflict", message: "This alert is already resolved" } };
    const at = Date.now();
    this.db.transaction(() => {
      setMuted(this.db, id, until);
      queries.appendAudit(this.db, {
        at,
        actor: actor.data.userId,
        actorLabel: actor.data.label,
        action: until === null ? "alert.unmuted" : "alert.muted",
        entity: "alert",
        entityId: id,
        clientId: alert.clientId,
        before: { status: alert.status, mutedUntil: alert.mutedUntil },
        after: { status: until === null ? "open" : "muted", mutedUntil: until },
        country: actor.data.country,
        userAgent: actor.data.userAgent,
      });
    });
    this.sockets.alerts([alert.clientId]);
    return { ok: true };
  }

  /**
   * The hourly run (the Worker's Cron Trigger): mutes that ran out, verdicts that moved with the
   * weeks, clients without numbers for the week due in the org's zone. `at` is the run's clock.
   */
  runAlerts(at: number, timeZone: string, display?: Display): { changed: number; opened: number } {
    const now = new Date(at);
    // Reads already treat a mute that ran out as open; the run writes it down and tells the pages.
    const unmuted = unmuteExpired(this.db, at);
    const run = this.db.transaction(() => {
      const stored = readDisplay(this.db);
      // A change of display the Worker could not pass on reaches every message now.
      const moved = display !== undefined && (display.format !== stored.format || display.currency !== stored.currency);
      if (moved) writeDisplay(this.db, display);
      const judge = moved ? evaluateAllAlerts : evaluateTimeBasedAlerts;
      return judge(alertRun(this.db, at), lastCompleteWeek(now), weekDue(now, timeZone));
    });
    this.sockets.alerts([...new Set([...unmuted, ...run.changed])]);
    return { changed: run.changed.size, opened: run.opened };
  }

  /** The org's number format or currency changed: the alerts' messages are written again in them. */
  setDisplay(display: Display, timeZone: string): void {
    const now = new Date();
    const run = this.db.transaction(() => {
      writeDisplay(this.db, display);
      return evaluateAllAlerts(alertRun(this.db, now.getTime()), lastCompleteWeek(now), weekDue(now, timeZone));
    });
    this.sockets.alerts([...run.changed]);
  }

  /** Open alerts not yet mailed "at once", marked as mailed: the caller sends them. */
  claimNewAlerts(): AlertRow[] {
    return claimUnnotified(this.db, Date.now());
  }

  /** A POC's criteria, weeks, campaigns' target and budget as of a week (core/poc.ts judges it). */
  poc(clientChannelId: string, asOf: string) {
    const data = pocData(this.db, clientChannelId, asOf);
    // With the log's seq, so the page's socket resumes from the data it shows, in the same call.
    return data && { ...data, seq: queries.lastSeq(this.db) };
  }

  /**
   * Every active POC of the org (or of the given clients) judged as of a week, in the org's
   * number format: judged here, so that only the verdicts cross to the Worker, not every week.
   */
  portfolio(asOf: string, options: { clientIds?: string[]; format?: NumberFormat; currency?: Currency } = {}) {
    return portfolioData(this.db, asOf, options.clientIds).map(({ weeks: _weeks, notes: _notes, ...data }) => ({
      ...data,
      ...reportPoc({ ...data, weeks: _weeks }, asOf, options.format, options.currency),
    }));
  }

  /**
   * What the Monday summary says, for the whole org (each member's mail keeps only their clients):
   * POC verdicts and pacing, last week's totals per active client, the open alerts.
   */
  summary(asOf: string, at: number) {
    const clients = queries.listClients(this.db).filter((c) => c.isActive);
    return {
      asOf,
      pocs: this.portfolio(asOf, readDisplay(this.db)),
      clients: clients.map((c) => ({ id: c.id, name: c.name })),
      lastWeek:
        clients.length > 0
          ? queries.clientWeekTotals(
              this.db,
              clients.map((c) => c.id),
              asOf,
              asOf,
            )
          : [],
      openAlerts: listAlerts(this.db, "open", null, at),
    };
  }

  stats() {
    return { ...queries.countRows(this.db), seq: queries.lastSeq(this.db) };
  }

  /**
   * A member's access changed: re-scope their open sockets to the new role, or close them when
   * they were removed. Called by the Worker right after the change is committed in D1.
   */
  updateMemberAccess(userId: string, scope: Scope | null): { sockets: number } {
    return { sockets: this.sockets.memberAccess(userId, scope) };
  }

  /**
   * Sessions ended (sign-out, "everywhere", revoked on the devices page) or a token revoked:
   * their sockets close now, with 4401. Called by the Worker right after the change in D1.
   */
  closeSockets(tags: string[]): { sockets: number } {
    return { sockets: this.sockets.closeTagged(tags) };
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
      if (earlier)
        return {
          ok: true,
          seq: earlier.events.at(-1)?.seq ?? 0,
          events: earlier.events,
          replayed: true,
          alertsOpened: 0,
        };
    }

    const result = commit(
      this.db,
      actor,
      (db, now) =>
        mutations.map((mutation, index) =>
          atIndex(index, () => {
            checkClientScope(db, actor, mutation);
            return applyMutation(db, mutation, now, actor.userId);
          }),
        ),
      {
        record: (committed, at) => {
          const events = committed.map((stored) => stored.event);
          if (key) queries.storeIdempotencyKey(this.db, { key, actor: actor.userId, payloadHash, events, at });
        },
      },
    );
    if (!result.ok) return result;
    this.sockets.broadcast(result.committed);
    this.sockets.alerts(result.alerts.changed);
    const last = result.committed.at(-1)!.event.seq;
    return {
      ok: true,
      seq: last,
      events: result.committed.map((e) => e.event),
      replayed: false,
      alertsOpened: result.alerts.opened,
    };
  }

  /**
   * Writes imported weeks over what is there, skipping rows whose numbers are already the same,
   * so that importing a file twice changes nothing the second time. One transaction per call.
   */
  importMetrics(actorInput: Actor, batchInput: ImportBatch): ImportResult {
    const checked = checkWrite(actorInput, importBatchSchema, batchInput);
    if (!checked.ok) return checked;
    const { actor, batch } = checked;
    const earlier = batch.importId ? queries.getImport(this.db, batch.importId) : undefined;
    if (earlier && (earlier.actor !== actor.userId || earlier.undoneAt !== null)) {
      return { ok: false, error: { code: "key_reused", message: "This import's id belongs to another import" } };
    }
    let unchanged = 0;
    let created = 0;
    const result = commit(
      this.db,
      actor,
      (db, now) =>
        batch.rows.flatMap((row, index) =>
          atIndex(index, () => {
            const mutation = { kind: "metric.save", ...row, overwrite: true } as const;
            checkClientScope(db, actor, mutation);
            const existing = queries.getMetric(db, row.campaignId, row.weekStart);
            if (existing && existing.adSpendCents === row.adSpendCents && existing.salesCents === row.salesCents) {
              unchanged++;
              return [];
            }
            if (!existing) created++;
            return [applyMutation(db, mutation, now, actor.userId)];
          }),
        ),
      {
        importId: batch.importId,
        record: (committed, at) => {
          if (batch.importId) queries.recordImport(this.db, batch.importId, actor, committed, at);
        },
      },
    );
    if (!result.ok) return result;
    this.sockets.broadcast(result.committed);
    this.sockets.alerts(result.alerts.changed);
    const changed = result.committed.length;
    return {
      ok: true,
      created,
      updated: changed - created,
      unchanged,
      seq: result.committed.at(-1)?.event.seq ?? queries.lastSeq(this.db),
      alertsOpened: result.alerts.opened,
    };
  }

  /**
   * Puts every week an import changed back as it was before, as one change (one transaction,
   * one reload for the pages). A week someone changed after the import is kept as they left it,
   * and listed: undoing never loses a number entered later.
   */
  undoImport(actorInput: Actor, importId: string, clientId: string): UndoImportResult {
    const parsed = actorSchema.safeParse(actorInput);
    if (!parsed.success || !canInOrg(parsed.data, "imports.undo"))
      return { ok: false, error: { code: "forbidden", message: "Only an admin can undo an import" } };
    const actor = parsed.data;
    const record = queries.getImport(this.db, importId);
    // An import is undone from its client's page: another client's import id there is not found.
    if (!record || record.clientId !== clientId)
      return { ok: false, error: { code: "not_found", message: "That import is not this client's" } };
    if (record.undoneAt !== null)
      return { ok: false, error: { code: "conflict", message: "This import was already undone" } };
    const kept: { campaignId: string; weekStart: string }[] = [];
    const result = commit(this.db, actor, (db, now) => {
      const changes: Change[] = [];
      for (const cell of importedCells(db, importId)) {
        const { campaignId, weekStart, before } = cell;
        const current = queries.getMetric(db, campaignId, weekStart);
        if (!current || current.id !== cell.left.id || current.version !== cell.left.version) {
          kept.push({ campaignId, weekStart });
          continue;
        }
        const version = current.version;
        const mutation = before
          ? ({ kind: "metric.save", campaignId, weekStart, ...pick(before), version } as const)
          : ({ kind: "metric.delete", campaignId, weekStart, version } as const);
        changes.push(applyMutation(db, mutation, now, actor.userId));
      }
      queries.markImportUndone(db, importId, now.getTime(), actor.userId);
      return changes;
    });
    if (!result.ok) return result;
    const seq = result.committed.at(-1)?.event.seq ?? queries.lastSeq(this.db);
    if (result.committed.length > 0) this.sockets.reload(seq);
    this.sockets.alerts(result.alerts.changed);
    return { ok: true, reverted: result.committed.length, kept, seq, alertsOpened: result.alerts.opened };
  }

  // ── Sockets (partyserver's hooks) ───────────────────────────────────────────────────────

  getConnectionTags(_connection: Connection, context: ConnectionContext): string[] {
    return this.sockets.tags(context);
  }

  onConnect(connection: Connection<SocketState>, context: ConnectionContext): void {
    this.sockets.open(connection, context);
  }

  onMessage(connection: Connection<SocketState>, raw: string | ArrayBuffer | ArrayBufferView): void {
    this.sockets.message(connection, raw);
  }

  onClose(connection: Connection<SocketState>): void {
    this.sockets.closed(connection);
  }
}
