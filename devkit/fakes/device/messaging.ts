// The watch's "messaging" module: the device end of the shared in-memory channel.
import { defaultChannel } from "../channel";

export const peerSocket = defaultChannel.device;
export const channel = defaultChannel;
