// Types only: `import type {} from 'rtc-elements/jsx'` (see jsx.d.ts). Nothing to run.
export {};
