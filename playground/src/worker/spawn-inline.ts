// Starts the engine worker from code inlined in the page: a page opened from file:// may not load a worker from a
// file, but may start one from a blob. Used by the single-file build (playground/vite.config.ts, mode "file").

import EngineWorker from './worker.ts?worker&inline';

export function spawnEngineWorker(): Worker {
  return new EngineWorker();
}
