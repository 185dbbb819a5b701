/** Who acts on an org: established by the Worker from a session or API token, re-checked by the object. */
import { z } from "zod";
import { CLIENT_ROLES, ORG_ROLES } from "../core/permissions";

export const actorSchema = z.object({
  /** A user id, or `token:<id>` for an API token. */
  userId: z.string().min(1),
  role: z.enum(ORG_ROLES),
  /** The clients the actor is limited to (core/permissions.ts `Scope`); null: every client. */
  clients: z.record(z.string(), z.enum(CLIENT_ROLES)).nullable(),
  /** For the audit log: who (a name, an email or a token's name) and where from. */
  label: z.string().max(300).optional(),
  country: z.string().max(8).nullish(),
  userAgent: z.string().max(300).nullish(),
});
export type Actor = z.infer<typeof actorSchema>;

/** Headers through which the Worker hands a verified actor to the socket (never the browser's). */
export const ACTOR_HEADERS = {
  userId: "x-celerity-user-id",
  role: "x-celerity-role",
  clients: "x-celerity-clients",
  label: "x-celerity-user-label",
  credential: "x-celerity-credential",
} as const;
