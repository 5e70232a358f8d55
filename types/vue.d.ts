// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
import type { DefineComponent } from 'vue';
import type { RtcCall } from '../dist/rtc-call/rtc-call.js';
import type { RtcChat } from '../dist/rtc-chat/rtc-chat.js';

declare module 'vue' {
  interface GlobalComponents {
    'rtc-call': DefineComponent<Partial<Pick<RtcCall, never>>>;
    'rtc-chat': DefineComponent<Partial<Pick<RtcChat, 'messages'>>>;
  }
}

export {};
