import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // base './': the built page works from any folder (the tests serve it at /examples/vue/dist/).
  base: './',
  // <rtc-chat> and <rtc-call> are custom elements, not Vue components.
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('rtc-') } } })],
});
