import type { RtcStrings } from './strings.js';

/**
 * <rtc-call>'s English texts for reactions, raised hands and recording: loaded with that code
 * (rtc-call/call-acts.ts), so a call's first load does not carry them. Other languages are whole tables.
 */
export const callActsEnglish = {
  actReactions: 'Reactions',
  actReactWith: 'React with {emoji}',
  actReacted: '{peer} reacted with {emoji}',
  actRaiseHand: 'Raise hand',
  actLowerHand: 'Lower hand',
  actHandRaised: '{peer} raised a hand',
  recStart: 'Start recording',
  recStop: 'Stop recording',
  recSelf: 'You are recording this call',
  recPeer: '{peer} is recording this call',
} satisfies Partial<RtcStrings>;

/** The texts of reactions, raised hands and recording. */
export type CallActStrings = Pick<RtcStrings, keyof typeof callActsEnglish>;
