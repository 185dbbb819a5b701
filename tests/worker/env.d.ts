declare namespace Cloudflare {
  interface Env {
    /** Control-plane migrations, read by vitest.config.ts and applied in setup.ts. */
    TEST_MIGRATIONS: import("@cloudflare/vitest-pool-workers").D1Migration[];
  }
}
