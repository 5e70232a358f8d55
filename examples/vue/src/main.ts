import { createApp } from 'vue';
// Registers <rtc-chat> before Vue renders it, so Vue sets its properties
// (`import 'rtc-elements'` registers <rtc-call> too).
import 'rtc-elements/rtc-chat';
// Template types: bindings on <rtc-chat> / <rtc-call> and typed @rtc-* handlers.
import type {} from 'rtc-elements/vue';
import App from './App.vue';

createApp(App).mount('#app');
