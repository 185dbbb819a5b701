#!/usr/bin/env node
// The app as the browser tests see it: the built Worker on `wrangler dev`, with its own fresh
// local state (migrated and seeded), so tests never touch the developer's data.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const port = process.env.E2E_PORT ?? "8788";
const state = ".wrangler/e2e-state";
rmSync(state, { recursive: true, force: true });

const run = (args) => {
  const result = spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, CI: "true" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(["wrangler", "d1", "migrations", "apply", "DB", "--local", "--persist-to", state]);
run(["node", "scripts/seed.mjs", "--persist-to", state]);

const server = spawn(
  "npx",
  [
    "wrangler",
    "dev",
    "--port",
    port,
    "--ip",
    "127.0.0.1",
    "--persist-to",
    state,
    "--env-file",
    ".dev.vars.example",
    "--var",
    `APP_ORIGIN:http://localhost:${port}`,
    "--show-interactive-dev-session=false",
    // GET /__scheduled?cron=…&time=<ms> runs the hourly Cron Trigger at a fixed moment.
    "--test-scheduled",
  ],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
