import { mount } from 'svelte';
// Registers <rtc-chat> and <rtc-call> before Svelte renders them, so Svelte sets their properties.
import 'rtc-elements';
// Template types: attributes, properties and typed onrtc-* handlers on <rtc-chat> / <rtc-call>.
import type {} from 'rtc-elements/svelte';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
