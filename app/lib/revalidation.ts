import type { ShouldRevalidateFunction } from "@remix-run/react";

/** Grid edits arrive through the org socket; re-running every loader after each cell save would only cost time. */
export const LIVE_INTENTS = new Set(["cell", "paste"]);

export const skipAfterLiveEdits: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  if (typeof intent === "string" && LIVE_INTENTS.has(intent)) return false;
  return defaultShouldRevalidate;
};
