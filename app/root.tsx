import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/cloudflare";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { type ComponentType, type ReactNode, useEffect, useRef, useState } from "react";
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
  { rel: "manifest", href: "/manifest.webmanifest" },
  { rel: "apple-touch-icon", href: "/icon-192.png" },
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
    /** When this page's data was read: an offline copy says how old it is (only members' pages are kept). */
    dataAt: user ? Date.now() : null,
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
        <meta name="theme-color" content="#4f46e5" />
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

type Notice = ComponentType<{ dataAt: number }>;

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const first = useRef(true);
  const [OfflineNotice, setOfflineNotice] = useState<Notice | null>(null);
  // The installable app's code (and the offline notice's) loads after the page shows: no page
  // needs it to draw, and loading it on every page keeps it in the service worker's cache.
  useEffect(() => {
    void import("~/lib/offline-app").then((app) => app.startOfflineApp());
    void import("~/components/offline-notice").then((notice) => setOfflineNotice(() => notice.OfflineNotice));
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each new page
  useEffect(() => {
    if (first.current) first.current = false;
    else void import("~/lib/offline-app").then((app) => app.keepPageForOffline(window.location.href));
  }, [location.key]);
  return (
    <>
      {data?.dataAt && OfflineNotice ? <OfflineNotice dataAt={data.dataAt} /> : null}
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
