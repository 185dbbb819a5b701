/**
 * What every `/api/v1` resource module shares: the typed context (token, org, actor), a sub-app
 * that answers refused input in the one error shape, and the steps handlers take to reach the
 * org's object.
 */
import type { NumberFormat } from "../../../core/decimal";
import type { Currency } from "../../../core/money";
import { mailAfterWrite } from "../../../app/server/alert-runs.server";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { orgHub } from "../../../app/server/orgs.server";
import { issueList } from "../../../core/control-forms";
import { FAILURE_STATUS, type MutationFailure } from "../../../core/failures";
import type { Mutation } from "../../../core/mutations";
import type { Actor } from "../../../party/actor";
import type { AppEnv } from "../../types";
import { apiError } from "../errors";
import { toMetric } from "./shapes";

export type ApiEnv = AppEnv & {
  Variables: {
    token: { id: string; scope: "read" | "write" };
    /** The token's org as it was read with the token (`orgSummaryColumns`). */
    org: {
      id: string;
      slug: string;
      name: string;
      regionHint: string | null;
      numberFormat: NumberFormat;
      currency: Currency;
      timeZone: string;
    };
    actor: Actor;
  };
};

/** A resource's sub-app: every refused input answers 422 in the one error shape, naming each field. */
export function apiApp() {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return apiError(c, 422, "invalid", "Some fields are not valid", { issues: issueList(result.error) });
      }
    },
  });
}

export const hubOf = (c: Context<ApiEnv>) => orgHub(c.env, c.get("org").id, c.get("org").regionHint);

export const notFound = (c: Context, what: string) => apiError(c, 404, "not_found", `${what} not found`);

function failure(c: Context<ApiEnv>, error: MutationFailure) {
  const current = error.current && "adSpendCents" in error.current ? toMetric(error.current) : error.current;
  return apiError(c, FAILURE_STATUS[error.code], error.code, error.message, {
    ...(error.issues ? { issues: error.issues } : {}),
    ...(current ? { current } : {}),
  });
}

/** Commits through the org's object (a read-only token was refused by `requireToken`; the object checks again). */
export async function write(c: Context<ApiEnv>, mutations: Mutation[]) {
  const result = await hubOf(c).mutate(c.get("actor"), { mutations });
  if (result.ok) mailAfterWrite(c.env, c.executionCtx, c.get("org"), result.alertsOpened);
  return result.ok ? { events: result.events } : { response: failure(c, result.error) };
}
