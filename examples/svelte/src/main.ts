import { mount } from 'svelte';
// Registers <rtc-chat> before Svelte renders it, so Svelte sets its properties
// (`import 'rtc-elements'` registers <rtc-call> too).
import 'rtc-elements/rtc-chat';
// Template types: attributes, properties and typed onrtc-* handlers on <rtc-chat> / <rtc-call>.
import type {} from 'rtc-elements/svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
