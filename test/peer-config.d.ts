declare module '*/__peer-config.js' {
  export const PEER_HOST: string;
  export const PEER_PORT: number;
  export const PEER_PATH: string;
  export const PEER_URL: string;
}
declare module '*/__turn-config.js' {
  export const TURN_URL: string;
  export const TURN_USER: string;
  export const TURN_PASS: string;
  export const TURN_CAPPED_URL: string;
}
declare module '/__react.js' {
  export { createElement } from 'react';
  export { flushSync } from 'react-dom';
  export { createRoot } from 'react-dom/client';
}
declare module '/__react.js' {
  export * as wrappers from '../src/react/index.js';
}
