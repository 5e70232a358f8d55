/** @jsxImportSource preact */
// Compiled with usage.tsx by `tsc -p test/types` (the pragma above switches this file to Preact's JSX).
import { useRef } from 'preact/hooks';
import type { RtcChat, RtcErrorEvent } from 'rtc-elements';
import type {} from 'rtc-elements/preact';

export function Chat({ broker, onText }: { broker: string; onText: (text: string) => void }) {
  const ref = useRef<RtcChat>(null);
  return (
    <rtc-chat ref={ref} class="chat" peer-id="alice" remote="bob" server={broker} iceServers={[]}
      onrtc-message={(e) => { if (!e.detail.self) onText(String(e.detail.data)); }}
      onrtc-error={(e) => console.warn(e.detail.type)}
      onClick={() => ref.current?.send('clicked')} />
  );
}

// @ts-expect-error rtc-message's detail has no `text` (it is `data`)
export const wrongField = <rtc-chat onrtc-message={(e) => console.log(e.detail.text)} />;
// @ts-expect-error a handler for another event's class does not fit rtc-message
export const wrongClass = <rtc-chat onrtc-message={(e: RtcErrorEvent) => e.detail.type} />;
// @ts-expect-error the generated types have no prop named `undefined`
export const noUndefinedProp = <rtc-call undefined="x" />;
