import { defineConfig } from 'vite';

// The chat widget is its own small script, embedded on customers' sites; it lands beside the
// agent app so the server hands it out as /widget.js.
export default defineConfig({
  root: 'widget',
  publicDir: false,
  build: {
    outDir: '../dist/web',
    emptyOutDir: false,
    sourcemap: false,
    lib: { entry: 'src/widget.ts', formats: ['iife'], name: 'ParleyWidget', fileName: () => 'widget.js' },
  },
});
