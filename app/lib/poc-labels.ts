/** A POC's verdict and pacing in words: kept apart so pages without POCs do not download them. */
import type { PacingBand } from "../../core/pacing";
import type { Verdict } from "../../core/poc";

/** A verdict in words, with a sign that does not rely on colour (WCAG 1.4.1). */
export const VERDICT_LABELS: Record<Verdict, { sign: string; label: string; tone: string }> = {
  graduate: { sign: "✓", label: "Graduate", tone: "text-success" },
  extend: { sign: "↻", label: "More time", tone: "text-warning" },
  stop: { sign: "✕", label: "Stop", tone: "text-danger" },
  too_early: { sign: "…", label: "Too early", tone: "text-muted-foreground" },
};

export const PACING_LABELS: Record<PacingBand, string> = {
  under: "Under pace",
  on_pace: "On pace",
  over: "Over pace",
};
