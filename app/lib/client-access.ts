/** Words for access limited to clients; apart from the role names every page loads. */
import type { ClientGrants } from "../../core/permissions";

/** A limited member's role on one client, or none ("" in the forms). */
export const CLIENT_GRANT_LABELS = { "": "No access", viewer: "Viewer", account_manager: "Account manager" } as const;

/** A member limited to clients: "1 client" or "3 clients" (the badge next to the org's name). */
export function clientAccessLabel(clients: ClientGrants): string {
  const n = Object.keys(clients).length;
  return n === 1 ? "1 client" : `${n} clients`;
}
