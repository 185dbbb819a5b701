/**
 * What each org role may do: the one table read by Remix actions, the API, the OrgHub object
 * (which re-checks every write) and the UI (which hides what a user cannot do).
 */
// Browser-safe and dependency-free: the UI imports it to hide what a role cannot do.
export const ORG_ROLES = ["admin", "account_manager", "viewer"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/** An API token reads, or reads and writes (as an account manager would). */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

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
