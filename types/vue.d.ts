// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
import type { DefineComponent } from 'vue';
import type { RtcCall } from '../dist/rtc-call/rtc-call.js';
import type { RtcChat } from '../dist/rtc-chat/rtc-chat.js';

declare module 'vue' {
  interface GlobalComponents {
    'rtc-call': DefineComponent<Partial<Pick<RtcCall, 'audioOnly' | 'autoAnswer' | 'muted' | 'cameraOff' | 'statsInterval' | 'ringTimeout' | 'room' | 'roomKey' | 'videoConstraints' | 'peerId' | 'server' | 'serverKey' | 'iceServers' | 'relayOnly' | 'remote' | 'signaling' | 'allow' | 'strings'>>>;
    'rtc-chat': DefineComponent<Partial<Pick<RtcChat, 'maxMessageSize' | 'maxMessages' | 'maxFileSize' | 'confirmFileSize' | 'noFiles' | 'rateLimit' | 'persist' | 'room' | 'roomKey' | 'unread' | 'messages' | 'peerId' | 'server' | 'serverKey' | 'iceServers' | 'relayOnly' | 'remote' | 'signaling' | 'allow' | 'strings'>>>;
  }
}

export {};
