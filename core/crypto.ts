/**
 * Secrets for cookies, links, API tokens and idempotency keys: random, and stored only as their SHA-256 (browser-safe).
 */

/** A URL-safe random secret; 32 bytes = 256 bits from the platform CSPRNG. */
export function randomSecret(bytes = 32): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = "";
  for (const byte of buffer) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
