import { executeServerCommand } from '@web/test-runner-commands';
import { PEER_URL } from '/__peer-config.js';
import type { RtcChat } from '../src/rtc-chat/rtc-chat.js';
import type { RtcCall } from '../src/rtc-call/rtc-call.js';

export const SERVER = PEER_URL;
/** No STUN: loopback host candidates only, so nothing leaves the machine. */
export const NO_ICE = '[]';

let counter = 0;
export const uid = (prefix = 'p') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Resolves with the next `type` event on `target` that passes `accept`; rejects after `ms`. */
export function nextEvent<E extends Event = CustomEvent>(target: EventTarget, type: string, ms = 15000, accept: (e: E) => boolean = () => true): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      target.removeEventListener(type, listener);
      reject(new Error(`timeout waiting for ${type}`));
    }, ms);
    function listener(event: Event) {
      if (!accept(event as E)) return;
      clearTimeout(timer);
      target.removeEventListener(type, listener);
      resolve(event as E);
    }
    target.addEventListener(type, listener);
  });
}

/** Collects every event of the given types fired on `target`. */
export function record(target: EventTarget, ...types: string[]): CustomEvent[] {
  const seen: CustomEvent[] = [];
  for (const type of types) target.addEventListener(type, (e) => seen.push(e as CustomEvent));
  return seen;
}

export async function until(check: () => boolean, message: string | (() => string), ms = 15000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timeout: ${typeof message === 'function' ? message() : message}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Creates an <rtc-chat> on our PeerServer and waits for rtc-open. */
export async function openChat(attrs: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<RtcChat> {
  const el = document.createElement('rtc-chat');
  el.setAttribute('server', SERVER);
  el.setAttribute('ice-servers', NO_ICE);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = nextEvent(el, 'rtc-open');
  parent.appendChild(el);
  await opened;
  return el;
}

/** Small video keeps four encoders affordable on a 2-core test machine. */
export const SMALL_VIDEO = { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } };

/** Creates an <rtc-call> on our PeerServer (small video) and waits for rtc-open. */
export async function openCall(attrs: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<RtcCall> {
  const el = document.createElement('rtc-call');
  el.setAttribute('server', SERVER);
  el.setAttribute('ice-servers', NO_ICE);
  el.videoConstraints = SMALL_VIDEO;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const opened = nextEvent(el, 'rtc-open');
  parent.appendChild(el);
  await opened;
  return el;
}

/** Uncaught errors and unhandled rejections while `run` runs. */
export async function uncaughtDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onError = (e: ErrorEvent) => seen.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent) => seen.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return seen;
}

export function texts(el: RtcChat): string[] {
  return [...el.shadowRoot!.querySelectorAll('[part~="text"]')].map((n) => n.textContent ?? '');
}

export function cleanup(): void {
  document.querySelectorAll('rtc-chat, rtc-call').forEach((el) => el.remove());
}

/** A second page opened by the extra-pages plugin. */
export interface OpenedPage {
  handle: number;
  status: string;
}

/** Opens `url` (relative to this page's origin) in a new page of this browser. */
export const openPage = (url: string) =>
  executeServerCommand<OpenedPage, { url: string; browser: string }>('open-page', { url: new URL(url, location.origin).href, browser: 'same' });

/** Evaluates `expression` in another page and returns its (awaited, serializable) value. */
export const pageEval = async <T>(handle: number, expression: string): Promise<T> =>
  (await executeServerCommand<{ value: T }, { handle: number; expression: string }>('page-eval', { handle, expression })).value;

/** Polls `expression` in another page until it is truthy; `state` adds that page's state to a timeout. */
export async function untilIn(handle: number, expression: string, label: string, ms = 30000, state?: () => Promise<unknown>): Promise<void> {
  const start = Date.now();
  while (!(await pageEval<boolean>(handle, expression))) {
    if (Date.now() - start > ms) throw new Error(`timeout: ${label}${state ? ` (${JSON.stringify(await state())})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
