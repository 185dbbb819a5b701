import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { decodeLogo } from "../../core/logo";
import type { RouteHandle } from "../../core/permissions";
import { notFound, requireOrgAccess } from "~/server/auth.server";
import { orgLogo } from "~/server/orgs.server";

export const handle = { access: { loader: "org.view" } } satisfies RouteHandle;

/** `/o/<slug>/logo`: the agency's logo, for its members (client portal viewers included). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org } = await requireOrgAccess(request, context, params.slug);
  const stored = await orgLogo(context.cloudflare.env, org.id);
  const logo = stored && decodeLogo(stored);
  if (!logo) throw notFound();
  return new Response(logo.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": logo.type,
      // Private: a logo is the org's, not a public asset; an hour keeps pages from asking each time.
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
