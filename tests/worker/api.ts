/** An org driven through the external API with its own tokens, as an outside program would. */
import { SELF } from "cloudflare:test";
import { makeOrg, mintToken, ORIGIN } from "./helpers";

export async function apiOrg() {
  const org = await makeOrg("API Agency");
  const write = (await mintToken(org, { name: "writer", scope: "write", createdBy: null })).token;
  const read = (await mintToken(org, { name: "reader", scope: "read", createdBy: null })).token;
  const call = (method: string, path: string, body?: unknown, token = write) =>
    SELF.fetch(`${ORIGIN}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  const json = async (method: string, path: string, body?: unknown, token = write) => {
    const response = await call(method, path, body, token);
    // biome-ignore lint/suspicious/noExplicitAny: these tests probe JSON shapes with toEqual
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as any };
  };
  return { org, write, read, call, json };
}

/** Client → Google Ads → group → campaign, through the API. */
export async function apiTree() {
  const api = await apiOrg();
  const client = (await api.json("POST", "/clients", { name: "Acme" })).body;
  const clientChannel = (await api.json("POST", `/clients/${client.id}/channels`, { channelSlug: "google-ads" })).body;
  const group = (
    await api.json("POST", `/client-channels/${clientChannel.id}/campaign-groups`, {
      name: "Search",
      weeklyBudget: 2500.5,
    })
  ).body;
  const campaign = (
    await api.json("POST", `/campaign-groups/${group.id}/campaigns`, { name: "Brand", targetRoas: 4.25 })
  ).body;
  return { ...api, client, clientChannel, group, campaign };
}
