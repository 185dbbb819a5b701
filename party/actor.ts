/** Who acts on an org: established by the Worker from a session or API token, re-checked by the object. */
import { z } from "zod";
import { ORG_ROLES } from "../core/permissions";

export const actorSchema = z.object({ userId: z.string().min(1), role: z.enum(ORG_ROLES) });
export type Actor = z.infer<typeof actorSchema>;

/** Headers through which the Worker hands a verified actor to the socket (never the browser's). */
export const ACTOR_HEADERS = {
  userId: "x-celerity-user-id",
  role: "x-celerity-role",
  label: "x-celerity-user-label",
  credential: "x-celerity-credential",
} as const;
