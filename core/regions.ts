/** Cloudflare's Durable Object location hints: where an org's database is placed when created. */
export const REGION_HINTS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const;
export type RegionHint = (typeof REGION_HINTS)[number];

export const REGION_LABELS: Record<RegionHint, string> = {
  wnam: "Western North America",
  enam: "Eastern North America",
  sam: "South America",
  weur: "Western Europe",
  eeur: "Eastern Europe",
  apac: "Asia-Pacific",
  oc: "Oceania",
  afr: "Africa",
  me: "Middle East",
};
