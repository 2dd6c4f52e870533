import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Paths are relative to the checkout: `npm run build:ui` runs this config from there.
export default defineConfig({
  root: 'ui',
  base: '/ui/',
  plugins: [react()],
  build: { outDir: '../dist/ui', emptyOutDir: true, assetsDir: 'assets' },
});
