/** The one error shape of every JSON API: `{ error: { code, message, issues? } }`. */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import { issueList } from "../../core/control-forms";
import type { AppEnv } from "../types";

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 415 | 422 | 429 | 500 | 503;

export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    current?: unknown;
    requestId?: string;
  };
};

export function apiError<S extends ApiErrorStatus>(
  c: Context,
  status: S,
  code: string,
  message: string,
  extra: Omit<ApiErrorBody["error"], "code" | "message"> = {},
) {
  const body: ApiErrorBody = { error: { code, message, ...extra } };
  return c.json(body, status);
}

/** Parses the JSON body with `schema`: 400 when it is not JSON, 422 naming each bad field. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return createMiddleware<AppEnv & { Variables: { body: z.output<S> } }>(async (c, next) => {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return apiError(c, 400, "bad_request", "The body must be JSON");
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success)
      return apiError(c, 422, "invalid", "Some fields are not valid", { issues: issueList(parsed.error) });
    c.set("body", parsed.data);
    return next();
  });
}
