/**
 * What each org role may do: the one table read by Remix actions, the API, the OrgHub object
 * (which re-checks every write) and the UI (which hides what a user cannot do).
 */
import type { OrgRole } from "../../db/control/schema";

export type { OrgRole };

const TABLE = {
  "org.view": ["admin", "account_manager", "viewer"],
  "tracker.edit": ["admin", "account_manager"],
  "team.manage": ["admin"],
  "tokens.manage": ["admin"],
  "org.settings": ["admin"],
} as const satisfies Record<string, readonly OrgRole[]>;

export type Permission = keyof typeof TABLE;

export function can(role: OrgRole, permission: Permission): boolean {
  return (TABLE[permission] as readonly OrgRole[]).includes(role);
}
