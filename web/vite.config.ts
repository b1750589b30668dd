import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));

// The SPA lives in web/ and is built to dist/web, which the Worker serves as static assets in production.
// In development `/api` goes to `wrangler dev` (WORKER_URL overrides the default port).
export default defineConfig({
  root,
  plugins: [solid()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: process.env.WORKER_URL ?? 'http://127.0.0.1:8787', changeOrigin: true },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
