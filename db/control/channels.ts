/** The ad channels every new organization starts with; operators can add more later. */
import type { ControlDb } from "./database";
import { channels } from "./schema";

export const DEFAULT_CHANNELS = [
  { slug: "google-ads", name: "Google Ads" },
  { slug: "meta-ads", name: "Meta Ads" },
  { slug: "amazon-ads", name: "Amazon Ads" },
  { slug: "tiktok-ads", name: "TikTok Ads" },
  { slug: "microsoft-ads", name: "Microsoft Ads" },
  { slug: "linkedin-ads", name: "LinkedIn Ads" },
  { slug: "pinterest-ads", name: "Pinterest Ads" },
  { slug: "snapchat-ads", name: "Snapchat Ads" },
] as const;

/** Adds any default channel the lookup lacks (a fresh deployment starts with none). */
export async function ensureDefaultChannels(db: ControlDb): Promise<void> {
  await db
    .insert(channels)
    .values(DEFAULT_CHANNELS.map((channel) => ({ ...channel, iconUrl: `/channels/${channel.slug}.svg` })))
    .onConflictDoNothing({ target: channels.slug });
}

/** Adds a channel to the shared lookup; orgs pick it up when a client enables it. */
export async function addChannel(db: ControlDb, input: { name: string; slug: string; iconUrl: string | null }) {
  return db.insert(channels).values(input).onConflictDoNothing({ target: channels.slug }).returning().get();
}
