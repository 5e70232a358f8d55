type Listener = (...args: unknown[]) => void;

/**
 * What PeerJS needs from a stand-in for its server socket besides start/send/close: the small
 * event emitter it subscribes to ('message', 'error', ...). Shared by the no-broker sockets.
 */
export abstract class SocketStandIn {
  private listeners = new Map<string, Set<Listener>>();

  on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  protected emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}
