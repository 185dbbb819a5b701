/**
 * A POC's verdict and its pacing in words, for pages and mail alike. Apart from poc.ts so a page
 * that shows the words does not download the method.
 */
import type { PacingBand } from "./pacing";
import type { Verdict } from "./poc";

export const VERDICT_WORDS: Record<Verdict, string> = {
  graduate: "Graduate",
  extend: "More time",
  stop: "Stop",
  too_early: "Too early",
};

export const PACING_WORDS: Record<PacingBand, string> = {
  under: "Under pace",
  on_pace: "On pace",
  over: "Over pace",
};
