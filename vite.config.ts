import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

declare module "@remix-run/cloudflare" {
  interface Future {
    v3_singleFetch: true;
  }
}

/** Modules every page loads (the root's): one file. */
const BASE_CHUNK = [
  "node_modules/react/jsx-runtime",
  "node_modules/react/cjs/react-jsx-runtime",
  "node_modules/clsx/",
  "node_modules/tailwind-merge/",
  "node_modules/class-variance-authority/",
  "node_modules/@radix-ui/react-slot/",
  "node_modules/@radix-ui/react-compose-refs/",
  "/app/lib/utils.ts",
  "/app/lib/labels.ts",
  "/app/components/ui/",
  "/app/components/error-page.tsx",
];

/** Small modules the org's pages share (numbers, money, ROAS, the live socket's hook): one file. */
const ORG_CHUNK = [
  "/core/decimal.ts",
  "/core/money.ts",
  "/core/roas.ts",
  "/app/lib/grid.ts",
  "/app/lib/format.ts",
  "/app/lib/open-alerts.ts",
  "/app/lib/poc-labels.ts",
  "/app/hooks/use-number-format.ts",
  "/app/hooks/use-org-socket.ts",
  "/app/hooks/use-revalidate-on-change.ts",
  "/app/components/verdict-badge.tsx",
];

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  plugins: [
    tailwindcss(),
    remix({
      // Every v3 flag on, so that moving to React Router 7 is mechanical (ADR 001).
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
  build: {
    rollupOptions: {
      output: {
        // A phone on a slow network pays a round trip per file (six at a time over HTTP/1.1): the
        // small modules nearly every page loads travel in two files instead of twenty.
        manualChunks(id) {
          const file = id.split("?")[0]!;
          if (BASE_CHUNK.some((path) => file.includes(path))) return "base";
          if (ORG_CHUNK.some((path) => file.includes(path))) return "org";
          return undefined;
        },
      },
    },
  },
  ssr: {
    // Packages stay external here: wrangler bundles the Worker and this build together, so a
    // library used by both (zod, drizzle, hono) ships once, resolved for workerd.
    resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] },
  },
});
