import { z } from "zod";

export const THEMES = ["light", "dark", "system"] as const;
export const themeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof themeSchema>;

export const THEME_COOKIE = "celerity_theme";

/** The theme remembered in the request's cookie; "system" when none or an unknown value. */
export function themeFromCookie(header: string | null): Theme {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${THEME_COOKIE}=([^;]+)`));
  const parsed = themeSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : "system";
}
