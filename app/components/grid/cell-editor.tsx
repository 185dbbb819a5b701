import { type FocusEvent, type KeyboardEvent, useEffect, useRef } from "react";

// On a phone the fields and buttons are 44 px: a thumb, not a pointer, hits them.
const editorInput =
  "h-8 w-full rounded border border-border bg-background px-1.5 text-right text-sm max-sm:h-11 max-sm:text-base " +
  "tabular-nums focus-visible:outline-none focus-visible:ring-2 " +
  "focus-visible:ring-ring";
// The editor's buttons show on phones (narrow) and touch screens (a coarse pointer). Written out
// whole: Tailwind finds its classes in the source text.
const touchButtons = [
  "contents max-sm:grid max-sm:grid-cols-2 max-sm:gap-1",
  "pointer-coarse:grid pointer-coarse:grid-cols-2 pointer-coarse:gap-1",
].join(" ");
const touchSave = "sr-only max-sm:not-sr-only pointer-coarse:not-sr-only bg-primary text-primary-foreground";
const touchCancel = "hidden max-sm:block pointer-coarse:block border border-border bg-card";
const editorButton =
  "h-8 rounded px-2 text-xs font-medium max-sm:h-11 max-sm:text-sm focus-visible:outline-none " +
  "focus-visible:ring-2 focus-visible:ring-ring";

/**
 * The two inputs of a cell being edited; the first takes focus with its value selected (or the typed character after
 * it). Save and Cancel are buttons too: a phone's decimal keypad may have no return key, and no Escape.
 */
export function EditorForm(props: {
  cellId: string;
  label: string;
  start: { adSpend: string; sales: string };
  typed: string | undefined;
  onOpen: (values: { adSpend: string; sales: string }) => void;
  onKeyDown: (event: KeyboardEvent<HTMLFormElement>) => void;
  onBlur: (event: FocusEvent<HTMLFormElement>) => void;
  onCommit: (form: HTMLFormElement, move?: "right") => void;
  onCancel: () => void;
}) {
  const spendRef = useRef<HTMLInputElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per editing session, whatever the props become
  useEffect(() => {
    props.onOpen(props.start);
    const input = spendRef.current;
    if (!input) return;
    input.focus();
    if (props.typed === undefined) input.select();
    else input.setSelectionRange(input.value.length, input.value.length);
  }, []);
  return (
    <form
      className="grid gap-1"
      onKeyDown={props.onKeyDown}
      onBlur={props.onBlur}
      onSubmit={(event) => {
        event.preventDefault();
        props.onCommit(event.currentTarget);
      }}
    >
      <label className="sr-only" htmlFor={`${props.cellId}-spend`}>
        Ad spend, {props.label}
      </label>
      <input
        ref={spendRef}
        id={`${props.cellId}-spend`}
        name="adSpend"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={props.typed ?? props.start.adSpend}
        placeholder="Spend"
        className={editorInput}
      />
      <label className="sr-only" htmlFor={`${props.cellId}-sales`}>
        Sales, {props.label}
      </label>
      <input
        id={`${props.cellId}-sales`}
        name="sales"
        inputMode="decimal"
        autoComplete="off"
        defaultValue={props.start.sales}
        placeholder="Sales"
        onFocus={(event) => event.currentTarget.select()}
        onKeyDown={(event) => {
          if (event.key === "Tab" && !event.shiftKey) {
            event.preventDefault();
            props.onCommit(event.currentTarget.form!, "right");
          }
        }}
        className={editorInput}
      />
      {/* Shown on phones and touch screens; with a mouse and keys, Enter saves and Escape cancels, and
          the editor keeps the cell's size (a click on the next cell lands where it was aimed). Pressing
          a button must not take the focus first: leaving the fields saves (a click away). */}
      <div className={touchButtons}>
        <button
          type="submit"
          className={`${editorButton} ${touchSave}`}
          onPointerDown={(event) => event.preventDefault()}
        >
          Save
        </button>
        <button
          type="button"
          className={`${editorButton} ${touchCancel}`}
          onPointerDown={(event) => event.preventDefault()}
          onClick={props.onCancel}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
