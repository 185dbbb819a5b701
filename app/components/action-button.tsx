import { Form } from "@remix-run/react";
import { Button, type ButtonProps } from "./ui/button";

/**
 * One button that posts a few hidden fields (an intent and an id, usually): a plain form, so it
 * works before JavaScript loads.
 */
export function ActionButton({
  fields,
  action,
  signOut,
  ...button
}: ButtonProps & {
  fields: Record<string, string | number>;
  action?: string;
  /**
   * Signs this browser out: a document post (the page and what it holds go too), which asks first
   * when edits wait on this device (`data-sign-out`, app/lib/offline-app.ts).
   */
  signOut?: boolean;
}) {
  return (
    <Form method="post" action={action} reloadDocument={signOut} data-sign-out={signOut ? "" : undefined}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="sm" {...button} />
    </Form>
  );
}
