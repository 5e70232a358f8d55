// Types only: `import type {} from 'rtc-elements/svelte'` (see svelte.d.ts). Nothing to run.
export {};
