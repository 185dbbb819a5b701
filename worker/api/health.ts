import { Hono } from "hono";
import { version } from "../../package.json";
import type { AppEnv } from "../types";

/** `GET /api/health`: is this Worker up, which version, and can it reach D1. */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  let d1Reachable = false;
  try {
    d1Reachable = (await c.env.DB.prepare("select 1 as ok").first<{ ok: number }>())?.ok === 1;
  } catch {
    d1Reachable = false;
  }
  c.header("Cache-Control", "no-store");
  return c.json({ ok: d1Reachable, version, d1Reachable }, d1Reachable ? 200 : 503);
});
