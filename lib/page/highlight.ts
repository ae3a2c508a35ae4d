// Highlights ranges of the page with the CSS Custom Highlight API: no element is added to or changed in the page.

const sheets = new WeakMap<Document, CSSStyleSheet>();

function ensureStyle(doc: Document, name: string, color: string) {
  if (sheets.has(doc)) return;
  const view = doc.defaultView;
  if (!view) return;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(`::highlight(${name}) { background-color: ${color}; color: inherit; }`);
  // A constructed sheet styles the page without a <style> element in its DOM.
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  sheets.set(doc, sheet);
}

export function highlightSupported(doc: Document): boolean {
  const view = doc.defaultView as (Window & Partial<Pick<typeof globalThis, 'Highlight' | 'CSS'>>) | null;
  return Boolean(view && typeof view.Highlight === 'function' && view.CSS && 'highlights' in view.CSS);
}

/** Shows `ranges` under the highlight `name`; an empty list removes it. */
export function setHighlight(doc: Document, name: string, ranges: ReadonlyArray<Range>, color: string): void {
  const view = doc.defaultView as (Window & typeof globalThis) | null;
  if (!view || !highlightSupported(doc))
    throw new Error('This browser cannot highlight text without changing the page.');
  if (ranges.length === 0) {
    view.CSS.highlights.delete(name);
    return;
  }
  ensureStyle(doc, name, color);
  view.CSS.highlights.set(name, new view.Highlight(...ranges));
}
