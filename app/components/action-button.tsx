import { Form } from "@remix-run/react";
import { Button, type ButtonProps } from "./ui/button";

/**
 * One button that posts a few hidden fields (an intent and an id, usually): a plain form, so it
 * works before JavaScript loads.
 */
export function ActionButton({
  fields,
  action,
  ...button
}: ButtonProps & { fields: Record<string, string | number>; action?: string }) {
  return (
    <Form method="post" action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" size="sm" {...button} />
    </Form>
  );
}
