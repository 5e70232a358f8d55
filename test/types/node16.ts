// Compiled by `tsc -p test/types/tsconfig.node16.json` in npm test: the package's "exports" give the
// same types under moduleResolution node16 (an ESM app: this folder's package.json says "type": "module").
import { RtcChat, type RtcMessageEvent } from 'rtc-elements';
import type {} from 'rtc-elements/jsx';
import type {} from 'rtc-elements/preact';
import type {} from 'rtc-elements/vue';
import type {} from 'rtc-elements/svelte';
import type { RtcChatEventProps } from 'rtc-elements/jsx';

type Handler = NonNullable<RtcChatEventProps['onrtc-message']>;
const handler: Handler = (e: RtcMessageEvent) => console.log(e.detail.data);
// @ts-expect-error rtc-message's detail has no `text`
const wrong: Handler = (e) => console.log(e.detail.text);
export { handler, wrong, RtcChat };
