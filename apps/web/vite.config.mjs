// The web application's build. Vite transforms TSX itself (Oxc): the automatic JSX runtime needs no
// React plugin. Served by libs/http-api under /app from dist/web.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/app/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: { outDir: path.resolve(here, '../../dist/web'), emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: { host: '127.0.0.1', proxy: { '^/(?!app)': 'http://127.0.0.1:3000' } },
});
