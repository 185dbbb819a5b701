/**
 * Field rules for the identity and tenancy forms and the operators' API: one schema per form,
 * used by the Remix actions and the Hono handlers alike.
 */
import { z } from "zod";
import { CURRENCIES } from "./money";
import { CLIENT_ROLES, type ClientGrants, ORG_ROLES, type Scope, TOKEN_SCOPES } from "./permissions";
import { NUMBER_FORMATS } from "./decimal";
import { nameField } from "./fields";
import { sitePath } from "./safe-redirect";
import { REGION_HINTS } from "./regions";

export const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email("Enter an email address like name@agency.com").max(254, "That address is too long"));

const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "dev",
  "login",
  "logout",
  "new",
  "o",
  "orgs",
  "settings",
  "www",
]);

export const orgSlug = z
  .string({ error: "Choose an address" })
  .trim()
  .toLowerCase()
  .min(3, "At least 3 characters")
  .max(40, "At most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes (like north-wind)")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved; choose another");

export const orgName = nameField({ min: 2, max: 80 });

export const orgRole = z.enum(ORG_ROLES, { error: "Choose admin, account manager or viewer" });

export const regionHint = z.enum(REGION_HINTS, { error: "Choose one of the listed regions" });

/** Turns "Northwind Digital" into "northwind-digital". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

export const loginSchema = z.object({ email, redirectTo: z.string().optional() });

export const numberFormat = z.enum(NUMBER_FORMATS, { error: "Choose 1,234.56, 1.234,56 or 1 234,56" });

export const createOrgSchema = z.object({ name: orgName, slug: orgSlug, numberFormat: numberFormat.optional() });

export const adminCreateOrgSchema = z.object({
  name: orgName,
  slug: orgSlug,
  adminEmail: email,
  region: regionHint.optional(),
  numberFormat: numberFormat.optional(),
});

/** An IANA time zone name this runtime knows ("Europe/Berlin"). */
export const timeZone = z
  .string({ error: "Choose a time zone" })
  .max(64)
  .refine((name) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      return name.length > 0;
    } catch {
      return false;
    }
  }, "Choose a time zone from the list, like Europe/Berlin");

/** The currency amounts are shown in (core/money.ts CURRENCIES). */
export const currency = z.enum(CURRENCIES, { error: "Choose a currency from the list" });

/** The settings form; a field left out keeps its value. */
export const orgSettingsSchema = z.object({
  numberFormat,
  timeZone: timeZone.optional(),
  currency: currency.optional(),
});

export const inviteSchema = z.object({ email, role: orgRole });

/** A client portal invitation: a person from the brand's side, who will see one client. */
export const portalInviteSchema = z.object({ email });

/** The prefix of a client's field in the access form: `client.<id>` = "", "viewer" or "account_manager". */
export const CLIENT_FIELD = "client.";

/**
 * The member access form (the member's page): every client at an org role, or only the clients
 * given a role. `known` are the org's client ids; any other id is refused, never stored.
 */
export function accessFromForm(
  form: Record<string, unknown>,
  known: ReadonlySet<string>,
): { ok: true; scope: Scope } | { ok: false; errors: Record<string, string> } {
  if (form.access !== "clients") {
    const role = orgRole.safeParse(form.role);
    return role.success
      ? { ok: true, scope: { role: role.data, clients: null } }
      : { ok: false, errors: { role: role.error.issues[0]!.message } };
  }
  const clients: ClientGrants = {};
  for (const [name, value] of Object.entries(form)) {
    if (!name.startsWith(CLIENT_FIELD) || value === "") continue;
    const id = name.slice(CLIENT_FIELD.length);
    const role = z.enum(CLIENT_ROLES).safeParse(value);
    if (!known.has(id) || !role.success)
      return { ok: false, errors: { clients: "Choose a role listed for each client" } };
    clients[id] = role.data;
  }
  if (Object.keys(clients).length === 0)
    return { ok: false, errors: { clients: "Give access to at least one client, or choose every client" } };
  return { ok: true, scope: { role: "viewer", clients } };
}

export const apiTokenSchema = z.object({
  name: nameField({ max: 80, empty: "Name the token (what uses it)" }),
  scope: z.enum(TOKEN_SCOPES, { error: "Choose read or write" }),
  /** Limits the token to these clients; absent or empty: every client. */
  clients: z
    .array(z.string().min(1).max(64), { error: "List client ids" })
    .max(500, "At most 500 clients")
    .optional()
    .transform((ids) => (ids && ids.length > 0 ? [...new Set(ids)] : null)),
});

/** Field-level messages from a failed parse: { field: message } (the first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    result[key] ??= issue.message;
  }
  return result;
}

/** The same messages as the API's `issues` list. */
export function issueList(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** `/channels/x.svg`, never `//host/…` or `/\host/…` (browsers read both as another host). */
const isSitePath = (value: string) => sitePath(value) === value;
const isHttpsUrl = (value: string) => value.startsWith("https://") && !/[\p{Cc} \\]/u.test(value);

export const channelSchema = z.object({
  name: nameField({ min: 2, max: 60 }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes (like reddit-ads)")
    .max(40, "At most 40 characters"),
  iconUrl: z
    .string()
    .trim()
    .max(300)
    .refine(
      (value) => value === "" || isSitePath(value) || isHttpsUrl(value),
      "Use a path on this site or an https:// address",
    )
    .transform((value) => value || null),
});
