/**
 * Why a change was refused, and the HTTP status each reason is answered with: one table for the
 * org object, the Remix actions, the grid's save queue and the external API.
 */
import type { ConflictRow } from "./protocol";

/** What a write can run into inside the org's database. */
export type MutationErrorCode = "not_found" | "forbidden" | "conflict" | "duplicate" | "needs_confirmation" | "limit";

export type MutationFailure = {
  code: "invalid" | "key_reused" | MutationErrorCode;
  message: string;
  /** Which mutation of the batch was refused. */
  index?: number;
  issues?: { path: string; message: string }[];
  current?: ConflictRow;
};

export const FAILURE_STATUS = {
  invalid: 422,
  limit: 422,
  key_reused: 409,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  needs_confirmation: 409,
} as const satisfies Record<MutationFailure["code"], 403 | 404 | 409 | 422>;
