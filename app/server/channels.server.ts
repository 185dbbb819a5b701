/** The shared ad-channel lookup that operators keep; each org copies it when it needs it. */
import { addChannel as insertChannel } from "../../db/control/channels";
import { controlDb } from "../../db/control/database";
import { listChannels as selectChannels } from "../../db/control/queries";

export function listChannels(env: Env) {
  return selectChannels(controlDb(env.DB));
}

/** The new channel, or undefined when its slug is taken. */
export function addChannel(env: Env, input: { name: string; slug: string; iconUrl: string | null }) {
  return insertChannel(controlDb(env.DB), input);
}
