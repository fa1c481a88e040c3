// A small element builder. Text goes in as text nodes, never as HTML: policy names, data cells and messages from
// an uploaded file or a shared URL cannot become markup or script.

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: readonly (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An SVG chart string made by our own chart code (every text in it escaped) as a node. */
export function svgNode(svg: string): Element {
  // Parsed as HTML so inline <svg> gets its namespace; a parsed document never runs scripts.
  const doc = new DOMParser().parseFromString(svg, 'text/html');
  return document.importNode(doc.body.firstElementChild ?? doc.createElement('span'), true);
}

/** Money in fen as yuan with two decimals and thousands separators: 322000 → 3,220.00. */
export function yuanText(fen: number): string {
  if (!Number.isFinite(fen)) return '—';
  const neg = fen < 0;
  const a = Math.abs(Math.round(fen));
  const whole = Math.floor(a / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${whole}.${String(a % 100).padStart(2, '0')}`;
}
