/** ROAS is stored in thousandths (3.5 → 3500); see ADR 003. */

/** sales ÷ spend in thousandths, rounded half up; null when nothing was spent (as the database computes it). */
export function computeRoasMilli(adSpendCents: number, salesCents: number): number | null {
  if (adSpendCents <= 0) return null;
  return Math.floor((salesCents * 1000 + Math.floor(adSpendCents / 2)) / adSpendCents);
}

export function formatRoas(milli: number | null): string {
  return milli === null ? "—" : (milli / 1000).toFixed(2);
}

/** "3.50×", or "—" when there is none. */
export function formatRoasTimes(milli: number | null): string {
  return milli === null ? "—" : `${formatRoas(milli)}×`;
}
