// Browser-safe and dependency-free on purpose: the root route ships this to every page.
export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "celerity_theme";

export function isTheme(value: unknown): value is Theme {
  return THEMES.includes(value as Theme);
}

/** The theme remembered in the request's cookie; "system" when none or an unknown value. */
export function themeFromCookie(header: string | null): Theme {
  const value = header?.match(new RegExp(`(?:^|;\\s*)${THEME_COOKIE}=([^;]+)`))?.[1];
  return isTheme(value) ? value : "system";
}
