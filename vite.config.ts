// Vite builds the React client (root: client/) into dist/client, which the
// Express server serves; in development it proxies the API and both sockets.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const backend = "http://127.0.0.1:3000";

export default defineConfig({
  root: fileURLToPath(new URL("./client", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist/client", import.meta.url)),
    emptyOutDir: true,
    // The workshop page's chunk holds Tiptap, ProseMirror and Yjs (about 570 kB); it is loaded on demand.
    chunkSizeWarningLimit: 700,
  },
  server: {
    // The client imports ../shared and ../locales, which sit outside the Vite root.
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: backend },
      "/socket.io": { target: backend, ws: true },
      "/yjs": { target: backend, ws: true },
    },
  },
});
