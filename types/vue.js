// Types only: `import type {} from 'rtc-elements/vue'` (see vue.d.ts). Nothing to run.
export {};
