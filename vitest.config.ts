// Kept apart from vite.config.ts so the Remix plugin is not loaded in the test runner.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig(async () => ({
  resolve: {
    alias: { "virtual:remix-build": path("./build/server/index.js"), "~": path("./app") },
  },
  plugins: [
    cloudflareTest({
      main: "./worker/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path("./migrations/control")),
          DEV_MAILBOX: "1",
          APP_ORIGIN: "http://localhost",
          PLATFORM_ADMIN_TOKEN: "test-platform-admin-token",
          PLATFORM_ADMINS: "ops@celerity.test",
        },
      },
    }),
  ],
  test: {
    include: ["tests/worker/**/*.test.ts"],
    setupFiles: ["./tests/worker/setup.ts"],
    // @remix-run/cloudflare is CommonJS with a circular require that workerd's loader trips on.
    deps: { optimizer: { ssr: { enabled: true, include: ["@remix-run/cloudflare"] } } },
  },
}));
