/** <rtc-chat>'s `persist`: when to restore and save the history and outbox (chat-persist.ts, loaded on first use, does it). */
import type { RtcErrorType } from '../core/errors.js';
import { lazy } from '../core/lazy.js';
import type { ChatView } from './chat-view.js';
import type { Delivery } from './delivery.js';

const STORAGE_PREFIX = 'rtc-elements:chat:';
/** `persist`'s storage code loads on first use. */
const loadPersistence = lazy(() => import('./chat-persist.js'));
let persistence: typeof import('./chat-persist.js') | undefined;

/** The element's public side that persistence reads. */
export interface StoreHost {
  readonly persist: boolean;
  readonly peerId?: string;
  readonly maxMessages: number;
}

export interface StoreHooks {
  /** The restore is done: connections that opened meanwhile get what waits for them. */
  restored(): void;
  loadFailed(error: unknown): void;
  error(type: RtcErrorType, message: string): void;
}

export class ChatStore {
  /** A restore under way (`persist`): sends and received messages wait for it, so order and duplicates stay right. */
  restoring: Promise<void> | undefined;
  private restoredFor: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: StoreHost,
    private readonly hooks: StoreHooks,
    private readonly view: ChatView,
    private readonly delivery: Delivery,
  ) {}

  private key(): string | undefined {
    const id = this.host.peerId?.trim();
    return this.host.persist && id ? `${STORAGE_PREFIX}${id}` : undefined;
  }

  /** Loads the persisted history and outbox for this peer id (once per id). */
  restore(): void {
    const key = this.key();
    if (!key || this.restoredFor === key) return;
    this.restoredFor = key;
    const restoring: Promise<void> = loadPersistence()
      .then((module) => {
        persistence = module;
        if (this.key() !== key) return;
        const merged = module.loadChat(key, this.delivery, this.view.history, this.host.maxMessages);
        if (merged) this.view.messages = merged;
        this.hooks.restored();
      }, this.hooks.loadFailed)
      .finally(() => {
        if (this.restoring === restoring) this.restoring = undefined;
      });
    this.restoring = restoring;
  }

  /** Saves soon (changes within 200 ms are saved together). */
  schedule(): void {
    if (!this.host.persist || this.timer !== undefined) return;
    this.timer = setTimeout(() => this.save(), 200);
  }

  save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const key = this.key();
    if (!key) return;
    if (!persistence) {
      // Still loading (then nothing changed since: sends and receipts wait for the restore), or it failed (reported).
      void this.restoring?.then(() => this.schedule());
      return;
    }
    try {
      persistence.saveChat(key, this.view.history, this.delivery);
    } catch (error) {
      this.hooks.error('send-failed', `Could not save the chat for persist (${(error as Error).message}).`);
    }
  }
}
