/**
 * React wrappers for React 18 and older, which pass every prop to custom elements as a string
 * attribute and cannot listen to custom events. (React 19 handles both natively: use the tags.)
 *
 *   import { RtcChat, RtcCall } from 'rtc-elements/react';
 *   <RtcChat peerId="alice" remote="bob" iceServers={ice} onRtcMessage={(e) => …} />
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { RtcChat as RtcChatElement } from '../rtc-chat/rtc-chat.js';
import { RtcCall as RtcCallElement } from '../rtc-call/rtc-call.js';

const sharedEvents = {
  onRtcOpen: 'rtc-open' as EventName<HTMLElementEventMap['rtc-open']>,
  onRtcConnect: 'rtc-connect' as EventName<HTMLElementEventMap['rtc-connect']>,
  onRtcDisconnect: 'rtc-disconnect' as EventName<HTMLElementEventMap['rtc-disconnect']>,
  onRtcError: 'rtc-error' as EventName<HTMLElementEventMap['rtc-error']>,
  onRtcBrokerState: 'rtc-broker-state' as EventName<HTMLElementEventMap['rtc-broker-state']>,
  // `room`: both elements report members joining and leaving.
  onRtcPeerJoin: 'rtc-peer-join' as EventName<HTMLElementEventMap['rtc-peer-join']>,
  onRtcPeerLeave: 'rtc-peer-leave' as EventName<HTMLElementEventMap['rtc-peer-leave']>,
};

export const RtcChat = createComponent({
  tagName: 'rtc-chat',
  elementClass: RtcChatElement,
  react: React,
  events: {
    ...sharedEvents,
    onRtcMessage: 'rtc-message' as EventName<HTMLElementEventMap['rtc-message']>,
    onRtcMessageStatus: 'rtc-message-status' as EventName<HTMLElementEventMap['rtc-message-status']>,
    onRtcFileOffer: 'rtc-file-offer' as EventName<HTMLElementEventMap['rtc-file-offer']>,
    onRtcFileProgress: 'rtc-file-progress' as EventName<HTMLElementEventMap['rtc-file-progress']>,
    onRtcFile: 'rtc-file' as EventName<HTMLElementEventMap['rtc-file']>,
    onRtcFileCancel: 'rtc-file-cancel' as EventName<HTMLElementEventMap['rtc-file-cancel']>,
  },
  displayName: 'RtcChat',
});

export const RtcCall = createComponent({
  tagName: 'rtc-call',
  elementClass: RtcCallElement,
  react: React,
  events: {
    ...sharedEvents,
    onRtcIncomingCall: 'rtc-incoming-call' as EventName<HTMLElementEventMap['rtc-incoming-call']>,
    onRtcLocalStream: 'rtc-local-stream' as EventName<HTMLElementEventMap['rtc-local-stream']>,
    onRtcRemoteStream: 'rtc-remote-stream' as EventName<HTMLElementEventMap['rtc-remote-stream']>,
    onRtcCallEnd: 'rtc-call-end' as EventName<HTMLElementEventMap['rtc-call-end']>,
    onRtcMediaState: 'rtc-media-state' as EventName<HTMLElementEventMap['rtc-media-state']>,
    onRtcStats: 'rtc-stats' as EventName<HTMLElementEventMap['rtc-stats']>,
    onRtcCallState: 'rtc-call-state' as EventName<HTMLElementEventMap['rtc-call-state']>,
    onRtcSpeaking: 'rtc-speaking' as EventName<HTMLElementEventMap['rtc-speaking']>,
    onRtcActiveSpeaker: 'rtc-active-speaker' as EventName<HTMLElementEventMap['rtc-active-speaker']>,
  },
  displayName: 'RtcCall',
});
