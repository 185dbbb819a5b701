import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { Input } from "~/components/ui/input";
import { Select } from "~/components/ui/select";
import { formatWeek } from "~/lib/format";

type Note = { id: string; version: number; week: string; text: string };

/**
 * Notes on weeks ("raised bids 20%"): the list, a Delete per note and a form to add one, for
 * editors. Posts `intent=note` / `intent=note-delete` (with `hidden` fields) to the page's action.
 */
export function WeekNotesForm({
  notes,
  weeks,
  hidden = {},
  canEdit,
  busy,
  errors,
}: {
  notes: Note[];
  weeks: string[];
  hidden?: Record<string, string>;
  canEdit: boolean;
  busy: boolean;
  errors: Record<string, string | undefined>;
}) {
  const fields = Object.entries(hidden).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
  return (
    <Card className="grid gap-3 p-5 text-sm">
      <h3 className="font-semibold">Notes</h3>
      {notes.length === 0 ? (
        <p className="text-muted-foreground">No notes yet on these weeks.</p>
      ) : (
        <ul className="grid gap-2" aria-label="Notes on weeks">
          {notes.map((note) => (
            <li key={note.id} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{formatWeek(note.week)}:</span>
              <span>{note.text}</span>
              {canEdit ? (
                <Form method="post" className="ml-auto">
                  {fields}
                  <input type="hidden" name="intent" value="note-delete" />
                  <input type="hidden" name="id" value={note.id} />
                  <input type="hidden" name="version" value={note.version} />
                  <Button type="submit" variant="outline" size="sm" aria-label={`Delete the note “${note.text}”`}>
                    Delete
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && weeks.length > 0 ? (
        <Form method="post" className="flex flex-wrap items-end gap-3" key={notes.length}>
          {fields}
          <input type="hidden" name="intent" value="note" />
          <Field label="Week" error={errors.weekStart}>
            <Select name="weekStart" defaultValue={weeks.at(-1)} className="h-10 w-36">
              {weeks.map((week) => (
                <option key={week} value={week}>
                  {formatWeek(week)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Note" error={errors.text} className="min-w-56 flex-1">
            <Input name="text" maxLength={280} placeholder="Raised bids 20%" required />
          </Field>
          <Button type="submit" variant="outline" className="h-10" disabled={busy}>
            Add note
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
