#!/usr/bin/env node
// `npm run dev` (after build and migrate): local settings, demo data, then `wrangler dev` on :8787.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync } from "node:fs";

if (!existsSync(".dev.vars")) {
  copyFileSync(".dev.vars.example", ".dev.vars");
  console.log("Created .dev.vars from .dev.vars.example (local-only settings).");
}

const seed = spawnSync(process.execPath, ["scripts/seed.mjs"], { stdio: "inherit" });
if (seed.status !== 0) process.exit(seed.status ?? 1);

const port = process.env.PORT ?? "8787";
// Another port than .dev.vars's: mail links follow it.
const origin = process.env.PORT ? ["--var", `APP_ORIGIN:http://localhost:${port}`] : [];
// `--test-scheduled`: GET /__scheduled?cron=0+*+*+*+* runs the hourly Cron Trigger on demand (README).
const args = ["wrangler", "dev", "--port", port, "--ip", "127.0.0.1", "--test-scheduled", ...origin];
const wrangler = spawn("npx", args, {
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => wrangler.kill(signal));
wrangler.on("exit", (code) => process.exit(code ?? 0));
