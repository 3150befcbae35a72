// The companion's "messaging" module: the phone end of the shared in-memory channel.
import { defaultChannel } from "../channel";

export const peerSocket = defaultChannel.companion;
export const channel = defaultChannel;
