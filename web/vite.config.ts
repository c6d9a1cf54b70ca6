import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.QCITY_API_URL ?? 'http://127.0.0.1:3000';

// The server serves dist/web itself; the dev server proxies /api to a running server.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // antd alone is ~1 MB minified; the admin pages are split off with React.lazy.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/readyz': { target: apiTarget },
    },
  },
});
