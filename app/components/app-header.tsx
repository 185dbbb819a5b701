import { Link, NavLink, useParams } from "@remix-run/react";
import type { Theme } from "~/lib/theme";
import { ROLE_LABELS } from "~/lib/labels";
import type { OrgRole } from "../../core/permissions";
import { cn } from "~/lib/utils";
import { ThemeSwitch } from "./theme-switch";
import { Button } from "./ui/button";

type Membership = { slug: string; name: string; role: OrgRole };

const menuClass =
  "absolute right-0 z-20 mt-2 w-64 rounded-md border border-border bg-card p-1 " +
  "shadow-lg [&_a]:block [&_a]:rounded [&_a]:px-3 [&_a]:py-2 [&_a]:text-sm " +
  "[&_a:hover]:bg-accent";

/**
 * The top bar: org switcher, account menu, theme. Menus are <details> elements, so they open
 * and close without JavaScript and with the keyboard.
 */
export function AppHeader({
  theme,
  user,
  memberships,
  platformAdmin,
}: {
  theme: Theme;
  user: { email: string } | null;
  memberships: Membership[];
  platformAdmin: boolean;
}) {
  const { slug } = useParams();
  const current = memberships.find((m) => m.slug === slug);
  return (
    <header className="border-b border-border">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-3 px-4">
        <Link to={user ? "/orgs" : "/"} className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {/* Named at every width: on a phone only the mark shows, the name stays for screen readers. */}
          <span className="sr-only sm:not-sr-only">Celerity</span>
        </Link>
        {user && memberships.length > 0 ? (
          <details className="relative min-w-0">
            <summary
              className={
                "flex cursor-pointer list-none items-center gap-1 truncate rounded-md px-2 py-1 " +
                "text-sm font-medium hover:bg-accent"
              }
            >
              <span className="truncate">{current?.name ?? "Organizations"}</span>
              <span aria-hidden>▾</span>
            </summary>
            <nav className={cn(menuClass, "left-0 right-auto")} aria-label="Switch organization">
              {memberships.map((m) => (
                <NavLink key={m.slug} to={`/o/${m.slug}`} className={({ isActive }) => cn(isActive && "bg-accent")}>
                  <span className="block font-medium">{m.name}</span>
                  <span className="block text-xs text-muted-foreground">{ROLE_LABELS[m.role]}</span>
                </NavLink>
              ))}
              <Link to="/orgs" className="border-t border-border text-muted-foreground">
                All organizations…
              </Link>
            </nav>
          </details>
        ) : null}
        <div className="ml-auto flex items-center gap-2">
          <ThemeSwitch current={theme} />
          {user ? (
            <details className="relative">
              <summary
                className={
                  "flex h-9 w-9 cursor-pointer list-none items-center justify-center rounded-full " +
                  "bg-accent text-sm font-semibold uppercase"
                }
                aria-label="Account menu"
              >
                {user.email[0]}
              </summary>
              <div className={menuClass}>
                <p className="truncate px-3 py-2 text-xs text-muted-foreground">{user.email}</p>
                <Link to="/settings/sessions">Sessions and devices</Link>
                {platformAdmin ? <Link to="/admin/orgs">Platform: organizations</Link> : null}
                {platformAdmin ? <Link to="/admin/channels">Platform: ad channels</Link> : null}
                {/* A document post: the page and what it holds go too. data-sign-out: asks first when
                    edits wait on this device (app/lib/offline-app.ts). */}
                <form method="post" action="/logout" data-sign-out>
                  <button type="submit" className="w-full rounded px-3 py-2 text-left text-sm hover:bg-accent">
                    Sign out
                  </button>
                </form>
              </div>
            </details>
          ) : (
            <Button asChild size="sm">
              <Link to="/login">Sign in</Link>
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
