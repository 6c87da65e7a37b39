import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { precompress } from './scripts/precompress';

// One build produces the Electron main process, the sandboxed preload, the renderer and the
// browser host (out/main/host.js), which runs the same services in plain Node.
// `@common/x` is src-main/common/x everywhere in the window (tsconfig.base.json paths, vitest.config.ts).
const alias = { '@common': resolve(__dirname, 'src-main/common') };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // The shared protocol package is TypeScript source in the workspace: bundle it, never require it at run time.
      externalizeDeps: { exclude: ['@tongban/protocol', '@tongban/pdf-seal'] },
      rollupOptions: {
        input: {
          main: resolve(__dirname, 'src-main/electron/main.ts'),
          host: resolve(__dirname, 'src-main/host/cli.ts'),
          // The card-reader library runs in its own process, so a crash or a 32-bit DLL cannot take the app down.
          'sdtapi-helper': resolve(__dirname, 'src-main/identity/sdtapi-helper.ts'),
          // Encrypting an old plaintext database runs in a worker thread (src-main/db/encrypt-off-thread.ts).
          'encrypt-worker': resolve(__dirname, 'src-main/db/encrypt-worker.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(__dirname, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    base: './',
    plugins: [react(), precompress()],
    resolve: { alias },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      // Minified, split per page (React.lazy in App and MainLayout) and precompressed: an old hall PC
      // parses only the sign-in screen's code before the form is usable (docs/decisions/0100).
      minify: true,
      cssCodeSplit: true,
      chunkSizeWarningLimit: 1024,
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
