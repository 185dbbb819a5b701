import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { Badge, Card } from "~/components/ui/card";
import { requireOrgAccess } from "~/server/auth.server";
import { orgHub } from "~/server/orgs.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { org } = await requireOrgAccess(request, context, params.slug);
  const hub = await orgHub(context.cloudflare.env, org.id, org.regionHint);
  return { clients: await hub.listClients() };
}

export default function OrgOverview() {
  const { clients } = useLoaderData<typeof loader>();
  return (
    <section className="grid gap-3" aria-labelledby="clients-heading">
      <h2 id="clients-heading" className="text-lg font-semibold">
        Clients
      </h2>
      {clients.length === 0 ? (
        <Card className="text-muted-foreground">No clients yet.</Card>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {clients.map((client) => (
            <li key={client.id}>
              <Card className="flex items-center justify-between gap-2 p-4">
                <span className="truncate font-medium">{client.name}</span>
                {client.isActive ? null : <Badge>Inactive</Badge>}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
