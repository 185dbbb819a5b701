/**
 * Remix's route manifest, as the server build has it: what the isolation matrix and the fuzzing
 * walk, so a route added tomorrow is in both without anyone listing it.
 */
import * as build from "virtual:remix-build";
import type { RouteHandle } from "../../core/permissions";

export type ManifestModule = { loader?: unknown; action?: unknown; default?: unknown; handle?: Partial<RouteHandle> };
export type ManifestRoute = { id: string; path?: string; index?: boolean; parentId?: string; module: ManifestModule };

export const routes = Object.values(build.routes as unknown as Record<string, ManifestRoute>);
const byId = new Map(routes.map((route) => [route.id, route]));

/** The route and its parents, root first. */
export function chainOf(route: ManifestRoute): ManifestRoute[] {
  const parent = route.parentId ? byId.get(route.parentId) : undefined;
  return parent ? [...chainOf(parent), route] : [route];
}

/** `/o/:slug/clients/:clientId`: the route's whole path pattern. */
export function fullPath(route: ManifestRoute): string {
  return `/${chainOf(route)
    .map((r) => r.path ?? "")
    .filter(Boolean)
    .join("/")}`;
}

export const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);

/**
 * The URL of a route with its parameters filled in. As a page's own data request (Remix's single
 * fetch, `.data`) when `data` is set and the route renders; `?index` for an index route's action.
 */
export function urlOf(
  route: ManifestRoute,
  params: Record<string, string>,
  { origin, data = false, action = false }: { origin: string; data?: boolean; action?: boolean },
): URL {
  const url = new URL(
    fullPath(route).replace(/:(\w+)/g, (_m, name: string) => params[name]!),
    origin,
  );
  if (data && route.module.default) url.pathname = url.pathname === "/" ? "/_root.data" : `${url.pathname}.data`;
  if (route.index && action) url.search = "?index";
  return url;
}
