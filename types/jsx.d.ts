// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
// React 19 JSX types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/jsx';` once in the app.
// Attributes by their HTML names (peer-id), properties by theirs (iceServers), events as
// `onrtc-message` (React 19 adds a listener for `on` + the event name), each handler typed with
// its event class, so `e.detail` is typed. `ref`, `className`, `style` and `key` are React's own.
import type { RtcCall, RtcChat } from '../dist/index.js';
import type { RtcCallTemplateProps, RtcChatTemplateProps } from './elements.js';
export type * from './elements.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'rtc-call': import('react').DetailedHTMLProps<import('react').HTMLAttributes<RtcCall>, RtcCall> & RtcCallTemplateProps;
      'rtc-chat': import('react').DetailedHTMLProps<import('react').HTMLAttributes<RtcChat>, RtcChat> & RtcChatTemplateProps;
    }
  }
}
