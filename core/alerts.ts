/**
 * Alerts (issue 16): what each kind means and when it holds, as pure functions the org's object
 * evaluates after each commit that can change them (and, for the time-based ones, on a schedule),
 * and the rules an org's admins adjust.
 */
import { DEFAULT_DISPLAY, type Display, formatMoneyShort } from "./money";
import type { Pacing } from "./pacing";
import type { Verdict } from "./poc";
import { VERDICT_WORDS } from "./poc-words";
import { computeRoasMilli, formatRoas } from "./roas";
import { shiftWeek } from "./weeks";

export const ALERT_KINDS = ["roas_below_target", "pacing_off", "missing_numbers", "verdict_changed"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ["open", "resolved", "muted"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An org's rules: each on or off, with its threshold (checked by alert-forms.ts). */
export type AlertRules = {
  roas_below_target: { enabled: boolean; weeks: number };
  pacing_off: { enabled: boolean; percent: number };
  missing_numbers: { enabled: boolean };
  verdict_changed: { enabled: boolean };
};

export const ALERT_DEFAULTS: AlertRules = {
  roas_below_target: { enabled: true, weeks: 2 },
  pacing_off: { enabled: true, percent: 20 },
  missing_numbers: { enabled: true },
  verdict_changed: { enabled: true },
};

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  roas_below_target: "ROAS below target",
  pacing_off: "Pacing off budget",
  missing_numbers: "Numbers missing",
  verdict_changed: "POC verdict changed",
};

/** How a member gets alerts by email: each as it opens, one digest a day, or none. */
export const ALERT_MAIL = ["instant", "daily", "off"] as const;
export type AlertMail = (typeof ALERT_MAIL)[number];
export const ALERT_MAIL_LABELS: Record<AlertMail, string> = {
  instant: "At once",
  daily: "Daily digest (08:00)",
  off: "Off",
};

/** The mails the alerts send and keep as sent. */
export const SENT_MAIL_KINDS = ["alert", "digest", "summary"] as const;
export type SentMailKind = (typeof SENT_MAIL_KINDS)[number];

/** How long an alert can be muted for, in days (the inbox offers these). */
export const MUTE_DAYS = [1, 7, 30] as const;

export type StoredWeek = { weekStart: string; adSpendCents: number; salesCents: number };

/**
 * Whether a campaign's latest `weeks` stored weeks are consecutive Mondays, each with a ROAS
 * below its target; `since` is the first of them. A week without spend has no ROAS and breaks
 * the run (nothing was spent, nothing missed), as does a gap: "in a row" means in a row.
 */
export function roasBelowTarget(
  latestFirst: StoredWeek[],
  targetMilli: number | null,
  weeks: number = ALERT_DEFAULTS.roas_below_target.weeks,
): { holds: false } | { holds: true; since: string; roas: number[] } {
  if (targetMilli === null || latestFirst.length < weeks) return { holds: false };
  const run = latestFirst.slice(0, weeks);
  const roas: number[] = [];
  for (const [i, week] of run.entries()) {
    if (i > 0 && shiftWeek(run[i - 1]!.weekStart, -1) !== week.weekStart) return { holds: false };
    const milli = computeRoasMilli(week.adSpendCents, week.salesCents);
    if (milli === null || milli >= targetMilli) return { holds: false };
    roas.push(milli);
  }
  return { holds: true, since: run.at(-1)!.weekStart, roas: roas.reverse() };
}

/** "Brand: ROAS below its 4.00× target for 2 weeks in a row (1.50×, 2.00×) since the week of 2026-11-09." */
export function roasBelowTargetMessage(campaign: string, targetMilli: number, since: string, roas: number[]): string {
  const weeks = roas.length === 1 ? "1 week" : `${roas.length} weeks in a row`;
  return (
    `${campaign}: ROAS below its ${formatRoas(targetMilli)}× target for ${weeks} ` +
    `(${roas.map((r) => `${formatRoas(r)}×`).join(", ")}) since the week of ${since}.`
  );
}

/**
 * Whether a group's month-to-date spend is off its budget by more than `percent` either way.
 * A group without a budget, or a month without spend yet, is never off.
 */
export function pacingOff(
  pacing: Pacing,
  percent: number = ALERT_DEFAULTS.pacing_off.percent,
): { holds: false } | { holds: true; ratio: number } {
  const { ratio, spendCents } = pacing.monthToDate;
  if (ratio === null || spendCents === 0) return { holds: false };
  return Math.abs(ratio - 1) * 100 > percent ? { holds: true, ratio } : { holds: false };
}

/** "Search: spent $6,000 of $4,000 budgeted this month to the week of 2026-11-16 (150%, 20% allowed)." */
export function pacingOffMessage(
  group: string,
  pacing: Pacing,
  asOf: string,
  percent: number,
  display: Display = DEFAULT_DISPLAY,
): string {
  const { spendCents, budgetCents, ratio } = pacing.monthToDate;
  const money = (cents: number) => formatMoneyShort(cents, display.format, display.currency);
  return (
    `${group}: spent ${money(spendCents)} of ${money(budgetCents)} budgeted this month to the week of ${asOf} ` +
    `(${Math.round((ratio ?? 0) * 100)}%, ${percent}% either way allowed).`
  );
}

/** The POC verdicts an alert is raised for: a decision to make. */
export const ALERTING_VERDICTS = ["graduate", "stop"] as const satisfies readonly Verdict[];

/** "Acme on Google Ads: the POC's verdict is now Graduate. ROAS 4.10× vs 4.00× target over 6 weeks; …" */
export function verdictMessage(poc: string, verdict: (typeof ALERTING_VERDICTS)[number], reason: string): string {
  return `${poc}: the POC's verdict is now ${VERDICT_WORDS[verdict]}. ${reason}`;
}

/** "Acme: no numbers for the week of 2026-11-16 yet." */
export function missingNumbersMessage(client: string, week: string): string {
  return `${client}: no numbers for the week of ${week} yet.`;
}

/** Local wall-clock parts of an instant in an IANA time zone (Intl: the runtime's own zone data). */
export function zonedParts(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      weekday: "short",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(parts.weekday!); // 0 = Monday
  return { date, hour: Number(parts.hour), weekday, monday: shiftDays(date, -weekday) };
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The week whose numbers are due by now in the org's zone: last week, from Tuesday 12:00 on; the
 * week before that on Monday and Tuesday morning (their last week is not due yet).
 */
export function weekDue(at: Date, timeZone: string): string {
  const local = zonedParts(at, timeZone);
  const due = local.weekday > 1 || (local.weekday === 1 && local.hour >= 12);
  return shiftWeek(local.monday, due ? -1 : -2);
}

/**
 * What an hourly run owes an org at `at`, in its own zone: the daily digest from 08:00, the Monday
 * summary from 08:00 on Monday. `period` names the day or the week, so the first run from 08:00
 * sends it (a late or failed run is made up by the next) and a repeated one finds it sent.
 */
export function scheduleAt(at: Date, timeZone: string) {
  const local = zonedParts(at, timeZone);
  const fromEight = local.hour >= 8;
  return {
    local,
    digest: fromEight ? local.date : null,
    summary: fromEight && local.weekday === 0 ? local.monday : null,
  };
}

/** Where to act on an alert, under the org's path (`/o/<slug>`): the week to fill, the POC, the grid. */
export function alertPath(alert: {
  kind: AlertKind;
  clientId: string;
  clientChannelId: string | null;
  since: string;
}): string {
  switch (alert.kind) {
    case "missing_numbers":
      return `/clients/${alert.clientId}/week/${alert.since}`;
    case "verdict_changed":
      return alert.clientChannelId ? `/pocs/${alert.clientChannelId}` : `/clients/${alert.clientId}`;
    default:
      return `/clients/${alert.clientId}`;
  }
}
