import { useFetcher, useLocation } from "@remix-run/react";
import { isTheme, THEMES, type Theme } from "~/lib/theme";
import { cn } from "~/lib/utils";

const LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", system: "System" };

function ThemeIcon({ theme }: { theme: Theme }) {
  const common = {
    width: 16,
    height: 16,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 2,
  } as const;
  if (theme === "light")
    return (
      <svg {...common} aria-hidden="true">
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    );
  if (theme === "dark")
    return (
      <svg {...common} aria-hidden="true">
        <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
      </svg>
    );
  return (
    <svg {...common} aria-hidden="true">
      <rect x="2" y="4" width="20" height="13" rx="2" />
      <path d="M8 21h8M12 17v4" />
    </svg>
  );
}

/** The pending choice while a switch is in flight, so the page changes at once. */
export function useOptimisticTheme(): Theme | null {
  const fetcher = useFetcher({ key: "theme" });
  const value = fetcher.formData?.get("theme");
  return isTheme(value) ? value : null;
}

/**
 * Light / dark / system. A plain form: it works before JavaScript loads (the server sets the
 * cookie and redirects back); with JavaScript it submits in the background.
 */
export function ThemeSwitch({ current }: { current: Theme }) {
  const fetcher = useFetcher({ key: "theme" });
  const location = useLocation();
  return (
    <fetcher.Form
      method="post"
      action="/resources/theme"
      className="inline-flex rounded-md border border-border p-0.5"
      aria-label="Color theme"
    >
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {THEMES.map((theme) => (
        <button
          key={theme}
          type="submit"
          name="theme"
          value={theme}
          aria-pressed={current === theme}
          title={`${LABELS[theme]} theme`}
          className={cn(
            "inline-flex h-8 items-center gap-1.5 rounded px-2 text-xs font-medium " +
              "text-muted-foreground transition-colors hover:text-foreground " +
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
            current === theme && "bg-accent text-foreground",
          )}
        >
          <ThemeIcon theme={theme} />
          <span className="sr-only sm:not-sr-only">{LABELS[theme]}</span>
        </button>
      ))}
    </fetcher.Form>
  );
}
