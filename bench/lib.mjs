// Helpers shared by the benchmark scripts: timing, percentiles, the local server, reporting.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

export const now = () => performance.now();

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) };
}

/** Starts `wrangler dev` on the built app with its own state; resolves once it answers. */
export async function startApp({ port, persistTo, timeoutMs = 60_000 }) {
  const started = now();
  const child = spawn(
    "npx",
    ["wrangler", "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persistTo, "--env-file", ".dev.vars.example", "--show-interactive-dev-session=false"],
    { stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (now() - started > timeoutMs) throw new Error("the app did not start in time");
    try {
      const response = await fetch(`${url}/`);
      if (response.ok) {
        await response.text();
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    readyMs: now() - started,
    stop: () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}

export function report(name, rows, extra = {}) {
  console.log(`\n${name}`);
  console.table(rows);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/${name}.json`, JSON.stringify({ name, at: new Date().toISOString(), rows, ...extra }, null, 2));
}

export const ms = (value) => Math.round(value * 10) / 10;
