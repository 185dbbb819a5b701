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
  const waiting = saves.filter((save) => save.state === "waiting");
  if (waiting.length === 0) return null;
  const cells = waiting.reduce((n, save) => n + save.cells.length, 0);
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-3 rounded-md border border-warning/60 bg-warning/15 px-3 py-2 text-sm"
    >
      <span>
        <strong>⟳ {cells === 1 ? "1 change is" : `${cells} changes are`} not saved yet.</strong>{" "}
        {waiting[0]!.note ?? "The server could not be reached"}; they are sent again automatically. Keep this tab open
        until they are saved.
      </span>
      <span className="ml-auto flex gap-2">
        <button type="button" className="rounded border border-border bg-card px-2 py-1" onClick={onRetry}>
          Retry now
        </button>
        <button
          type="button"
          className="rounded border border-border bg-card px-2 py-1"
          onClick={() => {
            if (
              window.confirm(
                `Discard ${cells === 1 ? "this change" : `these ${cells} changes`}? What you typed will be lost.`,
              )
            )
              for (const save of waiting) onDiscard(save.key);
          }}
        >
          Discard
        </button>
      </span>
    </div>
  );
}
