import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// base './': the built page works from any folder (the tests serve it at /examples/svelte/dist/).
export default defineConfig({ base: './', plugins: [svelte()] });
