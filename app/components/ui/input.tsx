import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "~/lib/utils";

export const inputClass =
  "flex h-10 w-full rounded-md border border-border bg-background px-3 py-2 max-sm:h-11 " +
  "text-base sm:text-sm placeholder:text-muted-foreground " +
  "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring " +
  "disabled:cursor-not-allowed disabled:opacity-50 " +
  "aria-[invalid=true]:border-danger";

export const Input = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement>>(
  ({ className, ...props }, ref) => <input ref={ref} className={cn(inputClass, className)} {...props} />,
);
Input.displayName = "Input";
