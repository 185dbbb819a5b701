/** Any origin would do: it only lets the URL parser tell a path on this site from another host. */
const HERE = "http://celerity.invalid";

/**
 * A same-site path to go to after an action, never another host. Browsers drop tabs and line
 * breaks from a Location and read `\` as `/`, so `/\t/evil.example` would land on
 * `//evil.example`: any control character or backslash is refused outright, the rest is parsed
 * as the browser would and returned normalized (percent-encoded, so it is always a valid header).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  return (typeof to === "string" && sitePath(to)) || fallback;
}

/** The path `to` names on this site, normalized, or null when a browser would go elsewhere. */
export function sitePath(to: string): string | null {
  if (!to.startsWith("/") || /[\p{Cc}\\]/u.test(to)) return null;
  let url: URL;
  try {
    url = new URL(to, HERE);
  } catch {
    return null;
  }
  return url.origin === HERE ? url.pathname + url.search + url.hash : null;
}
