import { applyD1Migrations, env } from "cloudflare:test";
import { afterEach, vi } from "vitest";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// An unexpected console.error is a failure: the app logs there only when something broke.
const consoleError = vi.spyOn(console, "error");
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((args) => args.join(" ")).join("\n")}`);
});
