#!/usr/bin/env node
// `npm run db:seed`: creates the demo org in the local D1 + Durable Object storage that
// `wrangler dev` uses. Runs seed/seed.worker.ts on the local runtime; idempotent.
// `--persist-to DIR` seeds another local state (the browser tests use their own).
import { parseArgs } from "node:util";
import { unstable_startWorker } from "wrangler";

const { values } = parseArgs({ options: { "persist-to": { type: "string", default: ".wrangler/state" } } });

const worker = await unstable_startWorker({
  config: "wrangler.toml",
  entrypoint: "seed/seed.worker.ts",
  dev: { server: { port: 0 }, inspector: false, watch: false, persist: values["persist-to"], logLevel: "warn" },
});
try {
  await worker.ready;
  const response = await worker.fetch("http://localhost/");
  const body = await response.text();
  if (!response.ok) throw new Error(`Seed failed (${response.status}): ${body}`);
  const result = JSON.parse(body);
  console.log(
    result.created
      ? `Seeded the demo org "${result.slug}" (${result.seq} changes). ` +
          "Sign in as admin@demo.test, am@demo.test or viewer@demo.test."
      : `The demo org "${result.slug}" already exists; nothing to do.`,
  );
} finally {
  await worker.dispose();
}
