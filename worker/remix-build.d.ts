/**
 * `virtual:remix-build` is Remix's server build (build/server/index.js, written by
 * `remix vite:build`), aliased in wrangler.toml and vitest.config.ts. It ships no types.
 */
declare module "virtual:remix-build" {
  type ServerBuild = import("@remix-run/cloudflare").ServerBuild;
  export const mode: ServerBuild["mode"];
  export const entry: ServerBuild["entry"];
  export const routes: ServerBuild["routes"];
  export const assets: ServerBuild["assets"];
  export const basename: ServerBuild["basename"];
  export const publicPath: ServerBuild["publicPath"];
  export const assetsBuildDirectory: ServerBuild["assetsBuildDirectory"];
  export const future: ServerBuild["future"];
  export const isSpaMode: ServerBuild["isSpaMode"];
}
