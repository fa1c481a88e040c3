// The page's side of the engine worker: each request gets a promise of its reply. Checks and runs are
// "latest wins": while one is in flight, newer texts replace each other and only the last is sent.

import type { Envelope, Reply, Request } from './protocol.ts';
import { spawnEngineWorker } from './worker/spawn.ts';

type Pending = { resolve(r: Reply): void };

export class EngineClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly lanes = new Map<string, { busy: boolean; queued?: { req: Request; resolve(r: Reply | undefined): void } }>();

  constructor() {
    this.worker = spawnEngineWorker();
    this.worker.addEventListener('message', (e: MessageEvent<Envelope<Reply>>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      p?.resolve(e.data.body);
    });
  }

  request(req: Request): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.worker.postMessage({ id, body: req } satisfies Envelope<Request>);
    });
  }

  /** Sends `req` unless a request of the same lane is in flight; then it waits, replacing any older waiting one
   * (whose promise resolves with undefined: it was superseded). */
  latest(lane: string, req: Request): Promise<Reply | undefined> {
    const state = this.lanes.get(lane) ?? { busy: false };
    this.lanes.set(lane, state);
    if (state.busy) {
      state.queued?.resolve(undefined);
      return new Promise((resolve) => { state.queued = { req, resolve }; });
    }
    state.busy = true;
    const go = (r: Request): Promise<Reply> => this.request(r).then((reply) => {
      const q = state.queued;
      state.queued = undefined;
      if (q) void go(q.req).then(q.resolve);
      else state.busy = false;
      return reply;
    });
    return go(req);
  }
}
