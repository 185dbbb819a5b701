/** A POC's verdict and pacing in words: kept apart so pages without POCs do not download them. */
import { PACING_WORDS, VERDICT_WORDS } from "../../core/poc-words";
import type { Verdict } from "../../core/poc";

/** A verdict in words, with a sign that does not rely on colour (WCAG 1.4.1). */
export const VERDICT_LABELS: Record<Verdict, { sign: string; label: string; tone: string }> = {
  graduate: { sign: "✓", label: VERDICT_WORDS.graduate, tone: "text-success" },
  extend: { sign: "↻", label: VERDICT_WORDS.extend, tone: "text-warning" },
  stop: { sign: "✕", label: VERDICT_WORDS.stop, tone: "text-danger" },
  too_early: { sign: "…", label: VERDICT_WORDS.too_early, tone: "text-muted-foreground" },
};

export const PACING_LABELS = PACING_WORDS;
