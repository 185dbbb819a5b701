import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/error-page";
import { AppHeader } from "~/components/app-header";
import { useNonce } from "~/components/nonce";
import { useOptimisticTheme } from "~/components/theme-switch";
import { themeFromCookie } from "~/lib/theme";
import { isPlatformAdmin } from "~/server/auth.server";
import styles from "./tailwind.css?url";
import type { RouteHandle } from "../core/permissions";

export const handle = { access: { loader: "public" } } satisfies RouteHandle;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Celerity" },
  { name: "description", content: "Live tracking of advertising proof-of-concept campaigns for agencies." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await context.auth.user();
  const memberships = await context.auth.memberships();
  return {
    theme: themeFromCookie(request.headers.get("Cookie")),
    user: user ? { email: user.email } : null,
    memberships: memberships.map(({ slug, name, role }) => ({ slug, name, role })),
    platformAdmin: user ? isPlatformAdmin(context.cloudflare.env, user.email) : false,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const theme = useOptimisticTheme() ?? data?.theme ?? "system";
  const nonce = useNonce();
  return (
    <html lang="en" data-theme={theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh">
        <AppHeader
          theme={theme}
          user={data?.user ?? null}
          memberships={data?.memberships ?? []}
          platformAdmin={data?.platformAdmin ?? false}
        />
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
