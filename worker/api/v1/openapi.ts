/** How routes describe themselves for the OpenAPI document: bodies, responses, the error statuses. */
import type { z } from "@hono/zod-openapi";
import * as s from "./schemas";

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 415 | 422 | 429;
/** The error responses a route documents (401 and 429 apply to every route). */
export function errors<S extends ErrorStatus>(...statuses: S[]) {
  const described = json(s.ErrorSchema, "See error.code and error.message");
  return Object.fromEntries([401, 429, ...statuses].map((status) => [status, described])) as Record<
    S | 401 | 429,
    typeof described
  >;
}
/**
 * A write can be refused for any of these (see the mutation path in docs/architecture.md); 415 when the body is not
 * JSON.
 */
export const writeErrors = () => errors(400, 403, 404, 409, 415, 422);
/** A read of one thing by id: 404 when it is not there, 422 when the id is malformed (over 64 characters). */
export const byIdErrors = () => errors(404, 422);
export const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
export const security = [{ bearer: [] }];
