/**
 * Idempotency keys (ADR 013): made once per edit attempt in the browser, or per form render on
 * the server; random, 128 bits, so two people (or two tabs) can never share one by accident.
 */
import { z } from "zod";
import { randomSecret } from "./crypto";

export const newIdempotencyKey = () => randomSecret(16);

/** 22 base64url characters carry 128 bits; longer keys (up to 64) are accepted from other clients. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, "An idempotency key is 22 to 64 letters, digits, - or _");
