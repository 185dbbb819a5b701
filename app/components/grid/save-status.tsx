import type { Save } from "~/lib/save-queue";

/**
 * Above the grid while typed values have not landed: how many, why, and what the user can do.
 * (Refused ones are explained at their cell or, for a paste, above the grid.)
 */
export function SaveStatus({
  saves,
  onRetry,
  onDiscard,
}: {
  saves: readonly Save[];
  onRetry: () => void;
  onDiscard: (key: string) => void;
}) {
  const waiting = saves.find((save) => save.state === "waiting");
  if (!waiting) return null;
  // Every save not landed counts, those queued behind the one that could not get through too.
  const unsent = saves.filter((save) => save.state !== "refused");
  const cells = unsent.reduce((n, save) => n + save.cells.length, 0);
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-md border border-warning/60 bg-warning/15 px-3 py-2 text-sm"
    >
      <span>
        <strong>⟳ {cells === 1 ? "1 change is" : `${cells} changes are`} not saved yet.</strong>{" "}
        {waiting.note ?? "The server could not be reached"}. They are kept on this device, even if you close the page,
        and sent again automatically.
      </span>
      <span className="ml-auto flex gap-2">
        <button
          type="button"
          className="rounded border border-border bg-card px-2 py-1 max-sm:min-h-11 max-sm:px-3"
          onClick={onRetry}
        >
          Retry now
        </button>
        <button
          type="button"
          className="rounded border border-border bg-card px-2 py-1 max-sm:min-h-11 max-sm:px-3"
          onClick={() => {
            if (
              window.confirm(
                `Discard ${cells === 1 ? "this change" : `these ${cells} changes`}? What you typed will be lost.`,
              )
            )
              for (const save of unsent) onDiscard(save.key);
          }}
        >
          Discard
        </button>
      </span>
    </div>
  );
}
