// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
// Preact JSX types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/preact';` once in the app.
// Same names as for React: peer-id, iceServers, onrtc-message (Preact adds a listener for `on` + the
// event name as written); each handler typed with its event class.
import type { RtcCall, RtcChat } from '../dist/index.js';
import type { RtcCallTemplateProps, RtcChatTemplateProps } from './elements.js';
export type * from './elements.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'rtc-call': import('preact').HTMLAttributes<RtcCall> & RtcCallTemplateProps;
      'rtc-chat': import('preact').HTMLAttributes<RtcChat> & RtcChatTemplateProps;
    }
  }
}
