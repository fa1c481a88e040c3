// Starts the engine worker as its own module file (the build served over http). The single-file build for file://
// replaces this module with spawn-inline.ts (playground/vite.config.ts, mode "file").

export function spawnEngineWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
