/**
 * The largest values Celerity stores (ADR 012). They are chosen so that every stored and derived
 * value, and every sum the app computes, stays inside SQLite's 64-bit integers and, for the
 * sums a page reads, inside JavaScript's exact integers (2^53):
 * - ROAS is sales × 1000 ÷ spend: at most 10^11 × 1000 = 10^14 per row.
 * - The dashboard's spend-weighted target sums target × spend over every campaign of a week:
 *   50,000 campaigns × 10^5 × 10^9 = 5 × 10^18 < 9.22 × 10^18 (SQLite only; pages read the ratio).
 * - Sums of sales over a whole week: 50,000 × 10^11 = 5 × 10^15 < 2^53 ≈ 9.007 × 10^15.
 */
export const LIMITS = {
  /** Ad spend of one campaign in one week: $10,000,000.00. */
  spendCents: 1_000_000_000,
  /** Sales of one campaign in one week: $1,000,000,000.00. */
  salesCents: 100_000_000_000,
  /** Weekly budget of a campaign group: $10,000,000.00. */
  budgetCents: 1_000_000_000,
  /** Target ROAS of a campaign: 100×, in thousandths. */
  targetRoasMilli: 100_000,
  /** A POC's minimum total spend: $1,000,000,000.00. */
  pocMinSpendCents: 100_000_000_000,
  /** A POC's longest run, in weeks: two years. */
  pocMaxWeeks: 104,
  /** An agency's logo, shown to its clients: 64 KB. */
  logoBytes: 65_536,
  /** Campaigns in one organization, archived ones included. */
  campaignsPerOrg: 50_000,
} as const;
