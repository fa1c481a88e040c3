// What the page remembers across reloads (localStorage) and what a share link carries (the URL's #fragment).
// A shared policy is data: it is put in the editor as text and compiled like any other; nothing in it runs.

import { z } from 'zod';
import type { Lang } from './protocol.ts';

export interface PolicyFile {
  readonly name: string;
  text: string;
  /** The text as opened: the diff view's default "old policy", and what Revert returns to. */
  readonly original: string;
  /** A version pinned as the baseline to compare edits against (e.g. last month's rules), with when it was pinned. */
  pinned?: { readonly text: string; readonly at: string };
}

export type View = 'results' | 'charts' | 'explain' | 'diff' | 'compare' | 'sweep' | 'data' | 'policyDoc';

export interface Workspace {
  policies: PolicyFile[];
  active: string;
  lang: Lang;
  view: View;
  data: { kind: 'sample' } | { kind: 'generated'; people: number; months: number; seed: number };
  compare: string[];
  diffOld: string;
}

const KEY = 'ladder.workspace.v1';

/** The bundled policies with what was kept from the last visit: edits survive, new bundled versions arrive. */
export function mergePolicies(base: readonly PolicyFile[], kept: readonly PolicyFile[]): PolicyFile[] {
  const out = base.map((p) => ({ ...p }));
  for (const k of kept) {
    const at = out.findIndex((p) => p.name === k.name);
    // A bundled policy the user edited keeps the edit; a new bundled version becomes its original.
    if (at >= 0) out[at] = { name: k.name, text: k.text === out[at]!.original || k.text === k.original ? out[at]!.text : k.text, original: out[at]!.original, ...(k.pinned ? { pinned: k.pinned } : {}) };
    else out.push({ ...k });
  }
  return out;
}

export function loadWorkspace(): Partial<Workspace> | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const w = JSON.parse(raw) as Partial<Workspace>;
    if (!Array.isArray(w.policies) || !w.policies.every((p) => typeof p?.name === 'string' && typeof p.text === 'string' && typeof p.original === 'string')) return undefined;
    return w;
  } catch {
    return undefined;
  }
}

export function saveWorkspace(w: Workspace): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(w));
  } catch {
    // Storage full or disabled: the page still works, it only forgets on reload.
  }
}

export interface SharedPolicy {
  readonly name: string;
  readonly text: string;
  readonly lang?: Lang;
  readonly view?: View;
}

const fromBase64Url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The most a share link may inflate to: the JSON of a policy at the compiler's 2 MiB limit, with room for escapes. */
export const MAX_SHARE_BYTES = 4 * 1024 * 1024;

/**
 * Inflates deflate-raw `bytes`, stopping as soon as the output passes `limit` bytes: a link of a few megabytes can
 * inflate to gigabytes, and it is refused without ever being held (issue 20: the whole fragment was inflated before
 * the size check, 3.6 GB for a 2 MB link). `inflated` is how much was read before stopping.
 */
export async function inflateWithin(bytes: Uint8Array, limit = MAX_SHARE_BYTES): Promise<{ bytes?: Uint8Array; inflated: number }> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let inflated = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    inflated += value.byteLength;
    if (inflated > limit) {
      await reader.cancel().catch(() => {});
      return { inflated };
    }
    chunks.push(value);
  }
  const out = new Uint8Array(inflated);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return { bytes: out, inflated };
}

const VIEWS: readonly View[] = ['results', 'charts', 'explain', 'diff', 'compare', 'sweep', 'data', 'policyDoc'];

/** What a share link may carry: checked before anything of it is used. */
const sharedPayload = z.object({
  name: z.string(),
  text: z.string().max(2 * 1024 * 1024),
  lang: z.string().optional(),
  view: z.string().optional(),
});

/** The policy and its settings as a URL fragment: deflated JSON in base64url. */
export async function shareFragment(p: SharedPolicy): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(p));
  const packed = await pipe(json, new CompressionStream('deflate-raw'));
  let b64 = '';
  for (let i = 0; i < packed.length; i += 0x8000) b64 += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return `#share=${btoa(b64).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** Reads a share fragment; anything malformed is ignored (undefined), never half-applied. */
export async function readShareFragment(hash: string): Promise<SharedPolicy | undefined> {
  const m = /^#share=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return undefined;
  try {
    const inflated = await inflateWithin(fromBase64Url(m[1]!));
    if (!inflated.bytes) return undefined;
    const json = new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes);
    const v = sharedPayload.safeParse(JSON.parse(json));
    if (!v.success) return undefined;
    const { name, text, lang, view } = v.data;
    // Only the file name: a shared link names no folders. A language or view this page does not know is dropped.
    return {
      name: (name.split(/[\\/]/).pop() ?? '').slice(0, 120) || 'shared.yaml', text,
      ...(lang === 'zh' || lang === 'en' ? { lang } : {}),
      ...(VIEWS.includes(view as View) ? { view: view as View } : {}),
    };
  } catch {
    return undefined;
  }
}
