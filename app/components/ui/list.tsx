import type { HTMLAttributes, LiHTMLAttributes } from "react";
import { cn } from "~/lib/utils";

/** A bordered card of rows (members, invitations, sessions, tokens, clients). */
export function List({ className, ...props }: HTMLAttributes<HTMLUListElement>) {
  return <ul className={cn("divide-y divide-border rounded-lg border border-border bg-card", className)} {...props} />;
}

/** One row of a List: its parts wrap under each other on a narrow screen. */
export function ListItem({ className, ...props }: LiHTMLAttributes<HTMLLIElement>) {
  return <li className={cn("flex flex-wrap items-center gap-3 p-4", className)} {...props} />;
}
