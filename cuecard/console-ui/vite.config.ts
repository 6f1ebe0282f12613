/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Where a running Cuecard listens during `npm run dev`. */
const backend = process.env.CUECARD_URL ?? 'http://localhost:8080';

export default defineConfig({
  // React JSX through esbuild's automatic runtime (no plugin needed)
  esbuild: { jsx: 'automatic' },
  build: {
    // served by Quarkus from the jar's META-INF/resources
    outDir: here('../target/classes/META-INF/resources'),
    emptyOutDir: true,
    // No asset is inlined as a data: URL: Cuecard's Content-Security-Policy allows images, fonts, scripts and styles
    // only from its own files (io.cuecard.platform.SecurityHeaders). Vite writes no inline script or style either.
    assetsInlineLimit: 0,
    rollupOptions: {
      input: {
        index: here('index.html'),
        login: here('login.html'),
        error: here('error.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/ws': { target: backend, ws: true, changeOrigin: true },
      '/j_security_check': { target: backend, changeOrigin: true },
      '/q': { target: backend, changeOrigin: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // limits for a busy machine: see src/test/setup.ts
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 30_000,
  },
});
