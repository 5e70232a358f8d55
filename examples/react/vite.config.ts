import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': the built page works from any folder (the tests serve it at /examples/react/dist/).
export default defineConfig({ base: './', plugins: [react()] });
