// Types only: `import type {} from 'rtc-elements/preact'` (see preact.d.ts). Nothing to run.
export {};
