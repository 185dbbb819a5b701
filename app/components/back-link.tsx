import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** "← Team", "← Acme": the way back from a page under another, relative to the URL's path. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="text-sm">
      <Link to={to} relative="path" className="text-primary underline-offset-4 hover:underline">
        ← {children}
      </Link>
    </p>
  );
}
