/**
 * Weekly metrics as CSV: the export's layout, and the import's parsing, column mapping and row
 * checks. Browser-safe (the import page previews with it) and used by the server too, so both
 * judge a row the same way. Parsing and writing CSV is papaparse's job, not ours.
 */
import Papa from "papaparse";
import { formatISO, isValid, parseISO } from "date-fns";
import { DEFAULT_NUMBER_FORMAT, type NumberFormat } from "./decimal";
import { LIMITS } from "./limits";
import { centsToDecimal, parseAmount } from "./money";
import { formatRoas } from "./roas";
import { isWeekStart } from "./weeks";

/**
 * The export's columns; an exported file re-imports unchanged (campaign_id, week, spend, sales).
 * Its amounts are plain decimals with a point ("1234.50"), whatever the org's format, so that
 * programs reading it need no locale: the 1,234.56 format reads them.
 */
export const EXPORT_COLUMNS = [
  "client",
  "channel",
  "campaign_group",
  "campaign",
  "campaign_id",
  "week",
  "spend",
  "sales",
  "roas",
] as const;

export type ExportRow = {
  client: string;
  channel: string;
  campaignGroup: string;
  campaign: string;
  campaignId: string;
  weekStart: string;
  adSpendCents: number;
  salesCents: number;
  roasMilli: number | null;
};

/**
 * A cell a spreadsheet would run as a formula (OWASP's list, line breaks and the full-width forms
 * included): written with a leading apostrophe, which spreadsheets show as text. Only names can
 * start this way; amounts are never negative.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function toCsv(rows: ExportRow[]): string {
  return Papa.unparse(
    {
      fields: [...EXPORT_COLUMNS],
      data: rows.map((r) => [
        r.client,
        r.channel,
        r.campaignGroup,
        r.campaign,
        r.campaignId,
        r.weekStart,
        centsToDecimal(r.adSpendCents),
        centsToDecimal(r.salesCents),
        r.roasMilli === null ? "" : formatRoas(r.roasMilli),
      ]),
    },
    { escapeFormulae: FORMULA_START },
  );
}

export type Table = { headers: string[]; rows: string[][] };

/** Rows of a CSV file or of cells pasted from a spreadsheet (tab-separated), first row as headers. */
export function parseTable(text: string): Table {
  const result = Papa.parse<string[]>(text.trim(), {
    skipEmptyLines: "greedy",
    delimiter: text.includes("\t") ? "\t" : "",
  });
  const [headers = [], ...rows] = result.data;
  return { headers: headers.map((h) => h.trim()), rows };
}

/** The number format a file's amounts are read in: a Celerity export's own, or the org's. */
export function formatOfFile(headers: string[], orgFormat: NumberFormat): NumberFormat {
  const exported = EXPORT_COLUMNS.every((column, i) => headers[i]?.toLowerCase() === column);
  return exported ? DEFAULT_NUMBER_FORMAT : orgFormat;
}

export type Mapping = { campaign: number; week: number; spend: number; sales: number };
export const MAPPED_FIELDS = ["campaign", "week", "spend", "sales"] as const;

const GUESSES: Record<keyof Mapping, RegExp[]> = {
  campaign: [/^campaign[_ ]?id$/i, /^campaign$/i, /campaign/i],
  week: [/^week([_ ]?start)?$/i, /week|date/i],
  spend: [/^(ad[_ ]?)?spend$/i, /spend|cost/i],
  sales: [/^sales$/i, /sales|revenue|conversion value/i],
};

/** The likely column for each field, by header name (-1 where nothing fits). */
export function guessMapping(headers: string[]): Mapping {
  const pick = (patterns: RegExp[]) => {
    for (const pattern of patterns) {
      const index = headers.findIndex((h) => pattern.test(h));
      if (index !== -1) return index;
    }
    return -1;
  };
  return {
    campaign: pick(GUESSES.campaign),
    week: pick(GUESSES.week),
    spend: pick(GUESSES.spend),
    sales: pick(GUESSES.sales),
  };
}

/** A Monday's date, or an ISO week (2026-W47) turned into its Monday. */
export function parseWeek(value: string): string | null {
  const text = value.trim();
  if (/^\d{4}-W\d{2}$/i.test(text)) {
    const date = parseISO(text.toUpperCase());
    return isValid(date) ? formatISO(date, { representation: "date" }) : null;
  }
  return isWeekStart(text) ? text : null;
}

export type ImportRow = { campaignId: string; weekStart: string; adSpendCents: number; salesCents: number };
export type RowCheck = { line: number; row?: ImportRow; error?: string };

/**
 * Checks every row against the client's campaigns (by id, or by name ignoring case), reading
 * amounts in `format`. `line` counts from 2, as a spreadsheet shows it under its header row.
 */
export function checkRows(
  table: Table,
  mapping: Mapping,
  campaigns: { id: string; name: string }[],
  format: NumberFormat,
): RowCheck[] {
  const byId = new Map(campaigns.map((c) => [c.id, c.id]));
  const byName = new Map(campaigns.map((c) => [c.name.trim().toLowerCase(), c.id]));
  const missing = MAPPED_FIELDS.filter((field) => mapping[field] < 0);
  const seen = new Map<string, number>();
  return table.rows.map((cells, index) => {
    const line = index + 2;
    if (missing.length > 0) return { line, error: `Choose the column for ${missing.join(", ")}` };
    const cell = (field: keyof Mapping) => (cells[mapping[field]] ?? "").trim();
    const campaignId = byId.get(cell("campaign")) ?? byName.get(cell("campaign").toLowerCase());
    if (!campaignId) return { line, error: `No campaign "${cell("campaign")}" in this client` };
    const weekStart = parseWeek(cell("week"));
    if (!weekStart) return { line, error: `"${cell("week")}" is not a Monday (YYYY-MM-DD) or an ISO week (2026-W47)` };
    const spend = parseAmount(cell("spend"), format, LIMITS.spendCents);
    if (!spend.ok) return { line, error: `Spend: ${spend.message}` };
    const sales = parseAmount(cell("sales"), format, LIMITS.salesCents);
    if (!sales.ok) return { line, error: `Sales: ${sales.message}` };
    const [adSpendCents, salesCents] = [spend.value, sales.value];
    const key = `${campaignId}:${weekStart}`;
    const earlier = seen.get(key);
    if (earlier) return { line, error: `Same campaign and week as line ${earlier}` };
    seen.set(key, line);
    return { line, row: { campaignId, weekStart, adSpendCents, salesCents } };
  });
}

/** A portfolio row as its CSV shows it: amounts as plain decimals, ROAS to two places. */
export type PortfolioCsvRow = {
  client: string;
  channel: string;
  verdict: string;
  weeks: number;
  spendCents: number;
  salesCents: number;
  roasMilli: number | null;
  targetRoasMilli: number | null;
  lowMilli: number | null;
  highMilli: number | null;
  pacing: string;
  reason: string;
};

export function portfolioCsv(rows: PortfolioCsvRow[]): string {
  const roas = (milli: number | null) => (milli === null ? "" : formatRoas(milli));
  return Papa.unparse(
    {
      fields: [
        "client",
        "channel",
        "verdict",
        "weeks",
        "spend",
        "sales",
        "roas",
        "target_roas",
        "roas_low",
        "roas_high",
      ].concat(["pacing_this_week", "reason"]),
      data: rows.map((r) => [
        r.client,
        r.channel,
        r.verdict,
        r.weeks,
        centsToDecimal(r.spendCents),
        centsToDecimal(r.salesCents),
        roas(r.roasMilli),
        roas(r.targetRoasMilli),
        roas(r.lowMilli),
        roas(r.highMilli),
        r.pacing,
        r.reason,
      ]),
    },
    { escapeFormulae: FORMULA_START },
  );
}

export type AuditCsvRow = {
  at: string;
  actorKind: string;
  actorId: string | null;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  client: string;
  before: unknown;
  after: unknown;
  country: string | null;
  userAgent: string | null;
};

/** The audit page's entries as CSV (before and after as JSON), formulas disarmed. */
export function auditCsv(rows: AuditCsvRow[]): string {
  const json = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
  return Papa.unparse(
    {
      fields: ["at", "actor_kind", "actor_id", "actor", "action", "entity", "entity_id", "client"].concat([
        "before",
        "after",
        "country",
        "user_agent",
      ]),
      data: rows.map((r) => [
        r.at,
        r.actorKind,
        r.actorId ?? "",
        r.actor,
        r.action,
        r.entity,
        r.entityId ?? "",
        r.client,
        json(r.before),
        json(r.after),
        r.country ?? "",
        r.userAgent ?? "",
      ]),
    },
    { escapeFormulae: FORMULA_START },
  );
}
