import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "~/lib/utils";
import { inputClass } from "./input";

/** A native select: works without JavaScript and uses the phone's own picker. */
export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(
  ({ className, ...props }, ref) => <select ref={ref} className={cn(inputClass, "pr-8", className)} {...props} />,
);
Select.displayName = "Select";
