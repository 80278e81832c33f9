// Builds the browser app into <repo>/dist/web, which the API serves at `/` (apps/api/src/web).
// Run from the repository root: `vite build --config apps/web/vite.config.ts`.
// `vite --config apps/web/vite.config.ts` serves it with hot reload and sends /api to the API on :3000.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const webRoot = import.meta.dirname;
const repoRoot = resolve(webRoot, '../..');

export default defineConfig({
  root: webRoot,
  base: '/',
  // Vite 8 transforms TSX with oxc; the automatic runtime needs no React import in every file.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // The domain's vocabularies (waste types, statuses ...) are the same lists the API validates with.
    alias: { '@app/domain': resolve(repoRoot, 'libs/domain/src/index.ts') },
  },
  build: {
    outDir: resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    // ECharts is most of the weight and changes least: its own long-cached chunk.
    rolldownOptions: {
      // react-router's "use client" banner means nothing in a plain SPA bundle.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
