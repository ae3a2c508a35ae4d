// Highlights ranges of the page with the CSS Custom Highlight API: no element is added to or changed in the page.
import { std } from '../dom/safe';

const styled = new WeakMap<Document, Set<string>>();

function ensureStyle(doc: Document, name: string, declarations: string) {
  const names = styled.get(doc) ?? new Set<string>();
  if (names.has(name)) return;
  const view = std(doc).defaultView;
  if (!view) return;
  const sheet = new view.CSSStyleSheet();
  sheet.replaceSync(`::highlight(${name}) { ${declarations} }`);
  // A constructed sheet styles the page without a <style> element in its DOM.
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  names.add(name);
  styled.set(doc, names);
}

export function highlightSupported(doc: Document): boolean {
  const view = std(doc).defaultView as (Window & Partial<Pick<typeof globalThis, 'Highlight' | 'CSS'>>) | null;
  return Boolean(view && typeof view.Highlight === 'function' && view.CSS && 'highlights' in view.CSS);
}

/** Shows `ranges` under the highlight `name`, styled by `declarations` for `::highlight(name)`; none removes it. */
export function setHighlight(doc: Document, name: string, ranges: ReadonlyArray<Range>, declarations: string): void {
  const view = std(doc).defaultView as (Window & typeof globalThis) | null;
  if (!view || !highlightSupported(doc))
    throw new Error('This browser cannot highlight text without changing the page.');
  if (ranges.length === 0) {
    view.CSS.highlights.delete(name);
    return;
  }
  ensureStyle(doc, name, declarations);
  view.CSS.highlights.set(name, new view.Highlight(...ranges));
}
