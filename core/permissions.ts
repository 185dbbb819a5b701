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
  "team.view": ["admin", "account_manager", "viewer"],
  "tracker.edit": ["admin", "account_manager"],
  "team.manage": ["admin"],
  "tokens.manage": ["admin"],
  "org.settings": ["admin"],
  "audit.view": ["admin"],
  "imports.undo": ["admin"],
} as const satisfies Record<string, readonly OrgRole[]>;

export type Permission = keyof typeof TABLE;

export function can(role: OrgRole, permission: Permission): boolean {
  return (TABLE[permission] as readonly OrgRole[]).includes(role);
}

/** What a member limited to chosen clients holds on each of them (ADR 019). */
export const CLIENT_ROLES = ["account_manager", "viewer"] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];
/** Client id → the role held on it. */
export type ClientGrants = Record<string, ClientRole>;

/**
 * Everything that decides what a member or a token may see and do in one org: the org role, and
 * the clients it is limited to (`null`: every client, at the org role). A limited scope holds no
 * org-wide permission beyond seeing the org's pages, filtered to its clients.
 */
export type Scope = { role: OrgRole; clients: ClientGrants | null };

/**
 * A permission over the whole org (its team, tokens, settings, new clients). A scope limited to
 * clients holds only `org.view`: the org's pages, filtered to its clients.
 */
export function canInOrg(scope: Scope, permission: Permission): boolean {
  return scope.clients === null ? can(scope.role, permission) : permission === "org.view";
}

/** The role held on one client, or null when the scope may not know the client exists. */
export function roleOnClient(scope: Scope, clientId: string): OrgRole | null {
  if (scope.clients === null) return scope.role;
  return Object.hasOwn(scope.clients, clientId) ? (scope.clients[clientId] ?? null) : null;
}

export function seesClient(scope: Scope, clientId: string): boolean {
  return roleOnClient(scope, clientId) !== null;
}

/** A permission on one client: `hidden` when the scope may not see it (answered 404, never 403). */
export function canOnClient(scope: Scope, clientId: string, permission: Permission): "yes" | "no" | "hidden" {
  const role = roleOnClient(scope, clientId);
  if (role === null) return "hidden";
  return can(role, permission) ? "yes" : "no";
}

/** Whether the scope holds a permission on the org or on any of its clients (e.g. a write token's writes). */
export function canAnywhere(scope: Scope, permission: Permission): boolean {
  if (scope.clients === null) return can(scope.role, permission);
  return Object.values(scope.clients).some((role) => can(role, permission));
}

/** An API token acts as an account manager (write) or a viewer (read), on every client or on its list. */
export function tokenScope(scope: TokenScope, clients: string[] | null): Scope {
  const role = scope === "write" ? "account_manager" : "viewer";
  return clients === null
    ? { role, clients: null }
    : { role: "viewer", clients: Object.fromEntries(clients.map((id) => [id, role])) };
}

/** The client ids a scope may see, for filtering reads; `null` means all of them. */
export function visibleClientIds(scope: Scope): string[] | null {
  return scope.clients === null ? null : Object.keys(scope.clients);
}

/** The API's rule: reading takes `org.view`; any other method changes data and takes `tracker.edit`. */
export function permissionForMethod(method: string): Permission {
  return method === "GET" || method === "HEAD" ? "org.view" : "tracker.edit";
}

/**
 * Who may call a page's loader or action: anyone, any signed-in person, a platform operator, or a
 * member of the org in the URL who holds the permission (anyone else gets 404, a member without
 * it 403). `dev`: a local development tool (the mailbox, the hourly run on demand) that answers
 * 404 unless DEV_MAILBOX is set, which it never is where people's data lives. Every route module
 * declares it as `handle.access`; the isolation matrix (tests/worker/isolation-matrix.test.ts)
 * holds every route in the manifest to its declaration.
 */
export type Access = "public" | "signed_in" | "platform" | "dev" | Permission;
export type RouteHandle = { access: { loader?: Access; action?: Access } };
