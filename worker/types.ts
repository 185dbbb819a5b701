import type { Hono } from "hono";

export type AppEnv = {
  Bindings: Env;
  Variables: { requestId: string };
};

export type App = Hono<AppEnv>;
