/** Security hardening (issue 11), item by item. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { addChannel } from "../../db/control/channels";
import { controlDb } from "../../db/control/database";
import { makeCampaignOrg, post, unique } from "./helpers";

describe("a refused write writes nothing", () => {
  it("a viewer's setup POST enabling a channel is refused before the channel lookup is copied into the org", async () => {
    const { org, viewer, hub, ids } = await makeCampaignOrg();
    const slug = unique("ch").toLowerCase().replace(/[^a-z0-9-]/g, "");
    const channel = await addChannel(controlDb(env.DB), { name: `Channel ${slug}`, slug, iconUrl: null });
    const response = await post(`/o/${org.slug}/clients/${ids.client}/setup`, { intent: "channel", channelId: channel.id, enable: "true" }, { cookie: viewer.cookie });
    expect(response.status).toBe(403);
    expect((await hub.listChannels()).map((c) => c.slug)).not.toContain(slug);
  });
});
