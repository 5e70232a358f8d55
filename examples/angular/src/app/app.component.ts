// Two <rtc-chat> on one page (alice dials bob) on the broker named in the URL:
// ?server=http://127.0.0.1:9000/myapp&key=peerjs (the defaults: `npm run broker` in rtc-elements).
import { Component, CUSTOM_ELEMENTS_SCHEMA, ElementRef, signal, viewChild } from '@angular/core';
import type { RtcChat, RtcConnectEvent, RtcErrorEvent, RtcMessageEvent, RtcOpenEvent } from 'rtc-elements/rtc-chat';

const query = new URLSearchParams(location.search);
const suffix = Math.random().toString(36).slice(2, 8);

@Component({
  selector: 'app-root',
  // <rtc-chat> is a custom element, not an Angular component.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>rtc-elements + Angular</h1>
      <rtc-chat #bob id="bob" [attr.peer-id]="bobId" [server]="server" [serverKey]="key" [iceServers]="[]"
                (rtc-open)="onOpen($event)" (rtc-connect)="onBobConnect($event)" (rtc-error)="onError('bob', $event)"></rtc-chat>
      <rtc-chat id="alice" [attr.peer-id]="aliceId" [remote]="bobId" [server]="server" [serverKey]="key" [iceServers]="[]"
                (rtc-open)="onOpen($event)" (rtc-message)="onAliceMessage($event)" (rtc-error)="onError('alice', $event)"></rtc-chat>
      <h2>Alice received</h2>
      <ul id="received">
        @for (line of received(); track $index) {
          <li>{{ line }}</li>
        }
      </ul>
    </main>`,
})
export class AppComponent {
  readonly server = query.get('server') ?? 'http://127.0.0.1:9000/myapp';
  readonly key = query.get('key') ?? 'peerjs';
  readonly aliceId = `alice-${suffix}`;
  readonly bobId = `bob-${suffix}`;
  readonly received = signal<string[]>([]);
  private readonly bob = viewChild.required<ElementRef<RtcChat>>('bob');
  private readonly opened = new Set<string>();

  constructor() {
    window.__received = [];
    window.__errors = [];
  }

  onOpen(e: RtcOpenEvent) {
    this.opened.add(e.detail.id);
    if (this.opened.size === 2) window.__status = 'open';
  }

  onBobConnect(e: RtcConnectEvent) {
    void this.bob().nativeElement.send(`hello from bob to ${e.detail.peer}`);
  }

  onAliceMessage(e: RtcMessageEvent) {
    if (e.detail.self) return;
    const text = String(e.detail.data);
    window.__received.push(text);
    this.received.update((list) => [...list, `${e.detail.from}: ${text}`]);
  }

  onError(who: string, e: RtcErrorEvent) {
    window.__errors.push(`${who}: ${e.detail.type}`);
  }
}
