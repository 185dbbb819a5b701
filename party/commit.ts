/**
 * The one write path inside the org's object: check the actor and the batch, apply it in one
 * transaction with an event and an audit row per change, refresh the dashboard totals it moved
 * and the alerts it may open or resolve,
 * keep what `record` asks for (the idempotency key), and trim the logs.
 */
import type { z } from "zod";
import type { MutationFailure } from "../core/failures";
import type { ParsedMutation } from "../core/mutations";
import { canAnywhere, canInOrg, canOnClient } from "../core/permissions";
import type { OrgSql } from "../db/org/database";
import { type Change, clientOfMutation, MutationError } from "../db/org/mutations";
import { type AlertScope, alertRun, evaluateAlerts } from "../db/org/alerts";
import * as queries from "../db/org/queries";
import { lastCompleteWeek } from "../core/weeks";
import { type Actor, actorSchema } from "./actor";

/** How many events the log keeps for resync; a socket further behind reloads its data. */
export const EVENT_LOG_KEEP = 10_000;

/** How long an idempotency key is remembered: a retry within it is answered as the first try was. */
const IDEMPOTENCY_KEY_TTL_MS = 30 * 24 * 3600_000;

/** What a commit did to alerts: the clients whose alerts opened or resolved, and how many opened. */
export type AlertsMoved = { changed: string[]; opened: number };

type Committed =
  | { ok: true; committed: queries.StoredEvent[]; alerts: AlertsMoved }
  | { ok: false; error: MutationFailure };

/** The object's own check of every write: who may make it, and whether it is well formed. */
export function checkWrite<S extends z.ZodType>(
  actorInput: unknown,
  schema: S,
  input: unknown,
): { ok: true; actor: Actor; batch: z.output<S> } | { ok: false; error: MutationFailure } {
  const actor = actorSchema.safeParse(actorInput);
  if (!actor.success || !canAnywhere(actor.data, "tracker.edit")) {
    return { ok: false, error: { code: "forbidden", message: "Your role does not allow editing this organization" } };
  }
  const batch = schema.safeParse(input);
  if (!batch.success) {
    const issues = batch.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
    return { ok: false, error: { code: "invalid", message: "Some values are not valid", issues } };
  }
  return { ok: true, actor: actor.data, batch: batch.data };
}

/**
 * A scope limited to clients may change only what belongs to a client it edits: judged before
 * the mutation reads anything, and a client it may not see is "not found", as if it did not exist.
 */
export function checkClientScope(db: OrgSql, actor: Actor, mutation: ParsedMutation): void {
  if (actor.clients === null) return; // an org-wide role, checked once for the batch
  const { clientId, what } = clientOfMutation(db, mutation);
  if (clientId === undefined) return; // not there: the mutation is refused on its own
  const answer =
    clientId === null ? (canInOrg(actor, "tracker.edit") ? "yes" : "no") : canOnClient(actor, clientId, "tracker.edit");
  if (answer === "hidden") throw new MutationError("not_found", `${what} not found`);
  if (answer === "no") throw new MutationError("forbidden", "Your role does not allow editing this client");
}

/** Runs one mutation of a batch; a refusal carries the mutation's index, for the editor to point at. */
export function atIndex<T>(index: number, apply: () => T): T {
  try {
    return apply();
  } catch (error) {
    if (error instanceof MutationError) throw Object.assign(error, { index });
    throw error;
  }
}

/** One transaction, all or nothing: what `apply` changes becomes events, audit rows and totals. */
export function commit(
  db: OrgSql,
  actor: Actor,
  apply: (db: OrgSql, now: Date) => Change[],
  options: { record?: (committed: queries.StoredEvent[], at: number) => void; importId?: string } = {},
): Committed {
  const now = new Date();
  const at = now.getTime();
  try {
    // Every statement runs on the root handle, whose prepared statements are reused; inside the
    // callback they are part of the transaction all the same (one storage, one transaction).
    let alerts: AlertsMoved = { changed: [], opened: 0 };
    const committed = db.transaction(() => {
      const changes = apply(db, now);
      for (const [clientId, scope] of totalsToRefresh(changes)) queries.refreshTotals(db, clientId, scope);
      // In the same transaction: an alert never disagrees with the numbers it is about.
      const run = evaluateAlerts(alertRun(db, at), alertScopeOf(changes), lastCompleteWeek(now));
      alerts = { changed: [...run.changed], opened: run.opened };
      const stored = changes.map((change) => {
        queries.appendAudit(db, {
          at,
          actor: actor.userId,
          actorLabel: actor.label,
          action: change.type,
          entity: change.entity,
          entityId: change.id,
          clientId: change.clientId,
          cellKey: cellKey(change),
          importId: options.importId,
          before: change.before,
          after: change.type.endsWith(".deleted") ? null : change.data,
          country: actor.country,
          userAgent: actor.userAgent,
        });
        return queries.appendEvent(db, {
          type: change.type,
          entity: change.entity,
          entityId: change.id,
          clientId: change.clientId,
          data: change.data,
          version: change.version,
          actor: actor.userId,
          at,
        });
      });
      if (stored.length > 0) {
        options.record?.(stored, at);
        // By count after every commit, so the log never holds more than a socket can replay.
        queries.trimEvents(db, stored.at(-1)!.event.seq - EVENT_LOG_KEEP);
        queries.trimIdempotencyKeys(db, at - IDEMPOTENCY_KEY_TTL_MS);
      }
      return stored;
    });
    return { ok: true, committed, alerts };
  } catch (error) {
    if (error instanceof MutationError) {
      const index = (error as MutationError & { index?: number }).index;
      return { ok: false, error: { code: error.code, message: error.message, index, current: error.current } };
    }
    throw error;
  }
}

/** A week's numbers are audited under their cell, so the cell's history outlives clearing it. */
function cellKey(change: Change): string | null {
  if (change.entity !== "metric") return null;
  const row = change.data as { campaignId: string; weekStart: string };
  return `${row.campaignId}:${row.weekStart}`;
}

/**
 * What a set of changes may open or resolve alerts about: campaigns whose weeks or target moved
 * (ROAS), groups whose spend or budget did (pacing), clients whose POCs or weeks did (verdicts,
 * numbers missing).
 */
function alertScopeOf(changes: Change[]): AlertScope {
  const touched: AlertScope = {
    campaigns: new Set(),
    groups: new Set(),
    pocs: new Set(),
    clients: new Set(),
    wholeClients: new Set(),
  };
  for (const change of changes) {
    switch (change.entity) {
      case "metric":
        touched.campaigns.add((change.data as { campaignId: string }).campaignId);
        touched.clients.add(change.clientId);
        break;
      case "campaign":
        if (change.type === "campaign.deleted")
          touched.groups.add((change.data as { campaignGroupId: string }).campaignGroupId);
        else touched.campaigns.add(change.id);
        break;
      case "campaignGroup":
        touched.groups.add(change.id);
        break;
      case "poc":
        touched.pocs.add((change.data as { clientChannelId: string }).clientChannelId);
        break;
      case "client":
      case "clientChannel":
        touched.wholeClients.add(change.clientId);
        break;
    }
  }
  return touched;
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
