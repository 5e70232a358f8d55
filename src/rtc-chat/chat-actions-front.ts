/**
 * The always-loaded front of the message actions (chat-actions.ts, loaded on first use): which
 * peers take them, the loading, and the error handling of editMessage(), deleteMessage() and
 * react(), which reject and fire `rtc-error` as send() does.
 */
import { RtcError, toRtcError } from '../core/errors.js';
import { lazy, loadFailed } from '../core/lazy.js';
import type { ActionsHooks, ActionsHost, ChatActions } from './chat-actions.js';
import type { ActionEnvelope } from './chat-protocol.js';

const loadActions = lazy(() => import('./chat-actions.js'));

/** What the front needs besides the actions' own hooks. */
export interface FrontHooks extends Omit<ActionsHooks, 'capable'> {
  restoring(): Promise<void> | undefined;
  report(error: RtcError): void;
  loadFailed(error: unknown): void;
}

export class ActionsFront {
  /** Peers whose hello said they take replies' siblings (edits, deletions, reactions). */
  readonly capable = new Set<string>();
  /** The actions, once their code is here. */
  actions: ChatActions | undefined;

  constructor(
    private readonly host: ActionsHost,
    private readonly hooks: FrontHooks,
  ) {}

  load(): Promise<ChatActions> {
    return loadActions().then((module) => (this.actions ??= new module.ChatActions(this.host, { ...this.hooks, capable: (peer) => this.capable.has(peer) })));
  }

  /** Loads the actions for what the history shows (and re-renders). */
  need(): void {
    if (!this.actions) this.load().then(() => this.host.requestUpdate(), this.hooks.loadFailed);
  }

  /** An action from `peer`, in arrival order (each waits for the same load). */
  receive(peer: string, envelope: ActionEnvelope): void {
    this.load().then((actions) => actions.receive(peer, envelope), this.hooks.loadFailed);
  }

  /** `peer` takes actions. */
  add(peer: string): void {
    this.capable.add(peer);
    this.need();
  }

  /** A public method's body: after a restore, with the code loaded; an RtcError rejects and is reported. */
  async run<T>(body: (actions: ChatActions) => T): Promise<T> {
    try {
      await this.hooks.restoring();
      return body(await this.load().catch((error: unknown) => Promise.reject(loadFailed('message actions', error))));
    } catch (error) {
      const rtcError = toRtcError(error, 'send-failed');
      this.hooks.report(rtcError);
      throw rtcError;
    }
  }
}
