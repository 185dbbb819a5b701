/**
 * Absolute links for mail. They are built from the configured public origin, never from the
 * request: a request's Host is whatever its sender wrote, and a sign-in link pointing to the
 * sender's host would hand them the victim's token.
 */
export function appUrl(env: Env, path: string, params: Record<string, string> = {}): string {
  const origin = env.APP_ORIGIN ? URL.parse(env.APP_ORIGIN)?.origin : undefined;
  if (!origin || origin === "null") {
    throw new Error(
      "APP_ORIGIN is not set to the app's public origin (like https://celerity.example.com): see README, Configuration",
    );
  }
  const url = new URL(path, origin);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}
