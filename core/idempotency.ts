/**
 * Idempotency keys (ADR 013): made once per edit attempt in the browser, or per form render on
 * the server; random, 128 bits, so two people (or two tabs) can never share one by accident.
 * (The rule a key must meet is `idempotencyKey` in fields.ts, kept there with zod.)
 */
import { randomSecret } from "./crypto";

export const newIdempotencyKey = () => randomSecret(16);
