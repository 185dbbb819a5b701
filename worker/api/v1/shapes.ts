/**
 * The API's JSON shapes: rows out (money as decimal numbers), and validated numbers in, turned
 * into integer cents and thousandths by the one parser (never `x * 100`).
 */
import type { DecimalResult } from "../../../core/decimal";
import { LIMITS } from "../../../core/limits";
import { amountNumberToCents, centsToNumber } from "../../../core/money";
import type { CampaignGroupRow, CampaignRow, ClientRow, GridChannel, MetricRow } from "../../../core/protocol";
import { milliToNumber, roasNumberToMilli } from "../../../core/roas";

export const toClient = (r: ClientRow) => ({ id: r.id, name: r.name, isActive: r.isActive });
export const toClientChannel = (r: GridChannel) => ({
  id: r.id,
  clientId: r.clientId,
  channel: { slug: r.channel.slug, name: r.channel.name },
  isActive: r.isActive,
});
export const toGroup = (r: CampaignGroupRow) => ({
  id: r.id,
  name: r.name,
  weeklyBudget: nullable(r.weeklyBudgetCents, centsToNumber),
});
export const toCampaign = (r: CampaignRow) => ({
  id: r.id,
  name: r.name,
  targetRoas: nullable(r.targetRoasMilli, milliToNumber),
});
export const toMetric = (r: MetricRow) => ({
  weekStart: r.weekStart,
  adSpend: centsToNumber(r.adSpendCents),
  sales: centsToNumber(r.salesCents),
  roas: nullable(r.roasMilli, milliToNumber),
  version: r.version,
});
export const nullable = <T, U>(value: T | null | undefined, convert: (value: T) => U): U | null =>
  value == null ? null : convert(value);

/** The schemas have checked the number already, so the parser cannot refuse it here. */
const exact = (result: DecimalResult) => {
  if (!result.ok) throw new Error(`validated number refused: ${result.message}`);
  return result.value;
};
export const cents = (amount: number) => exact(amountNumberToCents(amount, LIMITS.salesCents));
export const milli = (roas: number) => exact(roasNumberToMilli(roas));
