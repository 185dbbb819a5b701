import { defineConfig } from "vite";

/**
 * The service worker (app/sw/), built after Remix's client build into the same folder so it is
 * served from the site's root (a worker controls only the paths under its own).
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: "build/client",
    emptyOutDir: false,
    lib: { entry: "app/sw/service-worker.ts", formats: ["iife"], name: "celeritySw", fileName: () => "sw.js" },
  },
});
