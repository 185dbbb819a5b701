import { type ActionFunctionArgs, redirect } from "@remix-run/cloudflare";
import { safeRedirect } from "../../core/safe-redirect";
import { z } from "zod";
import { THEME_COOKIE, THEMES } from "~/lib/theme";
import type { RouteHandle } from "../../core/permissions";
import { readForm } from "~/server/form.server";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

const ONE_YEAR = 60 * 60 * 24 * 365;
const themeSchema = z.enum(THEMES);

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const theme = themeSchema.safeParse(form.get("theme"));
  if (!theme.success) {
    return Response.json({ error: { field: "theme", message: "Choose light, dark or system" } }, { status: 422 });
  }
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": `${THEME_COOKIE}=${theme.data}; Path=/; Max-Age=${ONE_YEAR}; SameSite=Lax${secure}` },
  });
}

export function loader() {
  throw new Response("Not found", { status: 404 });
}
