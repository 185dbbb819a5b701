import { type FocusEvent, type KeyboardEvent, useEffect, useRef } from "react";

const editorInput =
  "h-8 w-full rounded border border-border bg-background px-1.5 text-right text-sm " +
  "tabular-nums focus-visible:outline-none focus-visible:ring-2 " +
  "focus-visible:ring-ring";

/**
 * The two inputs of a cell being edited; the first takes focus with its value selected (or the typed character after
 * it).
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
      <button type="submit" className="sr-only">
        Save
      </button>
    </form>
  );
}
