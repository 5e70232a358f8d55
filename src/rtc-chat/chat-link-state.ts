/**
 * What <rtc-chat> has learnt of a chat channel's far side: whether it speaks our protocol, and
 * whether that is settled yet. Kept by the chat, not by the transport; one record per channel,
 * shared by every <rtc-chat> on the page that holds the channel (elements with the same peer id
 * share their session and its channels).
 */
import type { PeerChannel } from '../session/peer-session.js';

export interface LinkState {
  /** The far side is rtc-elements too (its metadata said so, or it said hello). */
  ours: boolean;
  /**
   * Whether the chat knows what the far side speaks. A channel we dialled is usable before that:
   * it is settled by the remote's hello or by a short wait; an incoming one is settled from its
   * metadata.
   */
  settled: boolean;
}

const states = new WeakMap<PeerChannel, LinkState>();

/** The state of `channel` (created on first use from what its metadata said). */
export function linkState(channel: PeerChannel): LinkState {
  let state = states.get(channel);
  if (!state) states.set(channel, (state = { ours: channel.markedOurs, settled: !channel.outgoing }));
  return state;
}

/** The far side of `channel` is rtc-elements. */
export const speaksOurs = (channel: PeerChannel): boolean => linkState(channel).ours;
