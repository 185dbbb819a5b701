/**
 * The seed's own Worker entry (run by scripts/seed.mjs with the app's wrangler.toml, so it
 * reaches the same local D1 and OrgHub storage). It is never part of the deployed bundle.
 */
import { seedDemoOrg } from "./demo";

export { OrgHub } from "../party/org-hub";

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    return Response.json(await seedDemoOrg(env));
  },
} satisfies ExportedHandler<Env>;
