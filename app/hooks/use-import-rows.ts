/**
 * Sends previewed import rows to the server in chunks, with progress. Each chunk is one
 * transaction; the first refused chunk (or a lost connection) stops the import and says where.
 * Importing the same file again is safe: rows already there are left unchanged.
 */
import { useState } from "react";
import type { ImportSummary } from "~/server/import.server";
import type { ImportRow } from "../../core/csv";
import { newIdempotencyKey } from "../../core/idempotency";

/** Rows per request: small enough to show progress on a large file, one transaction each. */
const CHUNK = 1000;

type Answer =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; error: { message: string } };

const LOST: Answer = {
  ok: false,
  error: {
    message: "the connection was lost. Import the file again to continue: rows already imported are left unchanged",
  },
};

export function useImportRows(url: string) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  /** Imports `rows`; `refused` counts the rows the preview already refused. */
  async function run(rows: ImportRow[], refused: number) {
    const result: ImportSummary = { created: 0, updated: 0, unchanged: 0, refused, alertsOpened: 0 };
    // One id for every chunk of the file: the import can then be undone as one change.
    const importId = newIdempotencyKey();
    setProgress({ done: 0, total: rows.length });
    for (let start = 0; start < rows.length; start += CHUNK) {
      // A lost connection stops the import, never the page.
      const body: Answer = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ importId, rows: rows.slice(start, start + CHUNK) }),
      })
        .then((response) => response.json() as Promise<Answer>)
        .catch(() => LOST);
      if (!body.ok) {
        result.refused += rows.length - start;
        result.error = `Stopped at row ${start + 1}: ${body.error.message}`;
        break;
      }
      result.created += body.created;
      result.updated += body.updated;
      result.unchanged += body.unchanged;
      setProgress({ done: Math.min(start + CHUNK, rows.length), total: rows.length });
    }
    setSummary(result);
    setProgress(null);
  }

  return { progress, summary, run, reset: () => setSummary(null) };
}
