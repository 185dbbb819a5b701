/** Weeks start on Monday (ISO 8601) and are named by that Monday's date, YYYY-MM-DD. */
import {
  addWeeks,
  differenceInCalendarWeeks,
  formatISO,
  isMonday,
  isValid,
  parseISO,
  startOfISOWeek,
  subWeeks,
} from "date-fns";

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isWeekStart(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = parseISO(value);
  return isValid(date) && formatISO(date, { representation: "date" }) === value && isMonday(date);
}

/** The Monday of the week containing `date`. */
function weekStartOf(date: Date): string {
  return formatISO(startOfISOWeek(date), { representation: "date" });
}

export function shiftWeek(week: string, weeks: number): string {
  return formatISO(addWeeks(parseISO(week), weeks), { representation: "date" });
}

/** How many weeks `to` is after `from` (both Mondays): 0 for the same week, negative before. */
export function weeksBetween(from: string, to: string): number {
  return differenceInCalendarWeeks(parseISO(to), parseISO(from), { weekStartsOn: 1 });
}

/** The earlier of two Mondays (ISO dates order as strings). */
export function earlierWeek(a: string, b: string): string {
  return [a, b].sort()[0]!;
}

/** The `count` weeks ending with the Monday `until`, oldest first. */
export function weeksEnding(until: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftWeek(until, i - count + 1));
}

/**
 * Last week: the last complete one, the week whose numbers a Monday morning is about. Pages end
 * there unless asked for another week.
 */
export function lastCompleteWeek(now: Date = new Date()): string {
  return weekStartOf(subWeeks(now, 1));
}

/**
 * The week a page was asked for (`?until=`, `?week=`): the Monday of the date named, since a date
 * picker lets people pick any day; last week when none (or no real date) is named.
 */
export function requestedWeek(value: string | null, now: Date = new Date()): string {
  if (value === null || !ISO_DATE.test(value)) return lastCompleteWeek(now);
  const date = parseISO(value);
  return isValid(date) && formatISO(date, { representation: "date" }) === value
    ? weekStartOf(date)
    : lastCompleteWeek(now);
}
