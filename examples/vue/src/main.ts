import { createApp } from 'vue';
// Registers <rtc-chat> and <rtc-call> before Vue renders them, so Vue sets their properties.
import 'rtc-elements';
// Template types: bindings on <rtc-chat> / <rtc-call> and typed @rtc-* handlers.
import type {} from 'rtc-elements/vue';
import App from './App.vue';

createApp(App).mount('#app');
