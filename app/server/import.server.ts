/** CSV import on the server: for pages without JavaScript and for very large files in one go. */
import type { ImportRow } from "../../core/csv";
import { newIdempotencyKey } from "../../core/idempotency";
import type { Actor, ImportResult } from "../../party/org-hub";
import type { orgHub } from "./orgs.server";

/** Rows per OrgHub call (one transaction each). */
export const IMPORT_CHUNK = 5000;

export type ImportSummary = {
  created: number;
  updated: number;
  unchanged: number;
  refused: number;
  /** Alerts the import opened (for the "at once" mail). */
  alertsOpened: number;
  error?: string;
};

/** Commits rows chunk by chunk; stops at the first refused chunk and says so. */
export async function importRows(
  hub: Awaited<ReturnType<typeof orgHub>>,
  actor: Actor,
  rows: ImportRow[],
  refused: number,
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, refused, alertsOpened: 0 };
  // One id for the whole file, so that an admin can undo it as one change.
  const importId = newIdempotencyKey();
  for (let start = 0; start < rows.length; start += IMPORT_CHUNK) {
    const chunk = rows.slice(start, start + IMPORT_CHUNK);
    const result: ImportResult = await hub.importMetrics(actor, { importId, rows: chunk });
    if (!result.ok) {
      return {
        ...summary,
        refused: summary.refused + rows.length - start,
        error: `Rows ${start + 1}–${rows.length} were not imported: ${result.error.message}`,
      };
    }
    summary.created += result.created;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    summary.alertsOpened += result.alertsOpened;
  }
  return summary;
}
