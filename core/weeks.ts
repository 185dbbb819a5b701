/** Weeks start on Monday (ISO 8601) and are named by that Monday's date, YYYY-MM-DD. */
import { addWeeks, formatISO, isMonday, isValid, parseISO, startOfISOWeek } from "date-fns";

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isWeekStart(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = parseISO(value);
  return isValid(date) && formatISO(date, { representation: "date" }) === value && isMonday(date);
}

/** The Monday of the week containing `date`. */
export function weekStartOf(date: Date): string {
  return formatISO(startOfISOWeek(date), { representation: "date" });
}

export function shiftWeek(week: string, weeks: number): string {
  return formatISO(addWeeks(parseISO(week), weeks), { representation: "date" });
}

/** The `count` weeks ending with the one that contains `until`, oldest first. */
export function lastWeeks(count: number, until: Date = new Date()): string[] {
  const last = weekStartOf(until);
  return Array.from({ length: count }, (_, i) => shiftWeek(last, i - count + 1));
}
