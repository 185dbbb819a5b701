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

/** The API's rule: reading takes `org.view`; any other method changes data and takes `tracker.edit`. */
export function permissionForMethod(method: string): Permission {
  return method === "GET" || method === "HEAD" ? "org.view" : "tracker.edit";
}

/**
 * Who may call a page's loader or action: anyone, any signed-in person, a platform operator, or a
 * member of the org in the URL who holds the permission (anyone else gets 404, a member without
 * it 403). Every route module declares it as `handle.access`; the isolation matrix
 * (tests/worker/isolation-matrix.test.ts) holds every route in the manifest to its declaration.
 */
export type Access = "public" | "signed_in" | "platform" | Permission;
export type RouteHandle = { access: { loader?: Access; action?: Access } };
