// Generated from custom-elements.json by scripts/generate-editor-data.mjs. Do not edit.
// Svelte 5 template types for <rtc-chat> and <rtc-call>: `import type {} from 'rtc-elements/svelte';` once
// (e.g. in src/app.d.ts or any .ts file the project checks). `onrtc-message={(e) => e.detail.data}` is typed.
import type { RtcCall, RtcChat } from '../dist/index.js';
import type { RtcCallTemplateProps, RtcChatTemplateProps } from './elements.js';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'rtc-call': import('svelte/elements').HTMLAttributes<RtcCall> & RtcCallTemplateProps;
    'rtc-chat': import('svelte/elements').HTMLAttributes<RtcChat> & RtcChatTemplateProps;
  }
}

export {};
