// A tiny element builder for the in-page overlay: text is always set as text, never parsed as HTML, and links only
// ever point to http(s) addresses.
import { std } from '../dom/safe';

type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | boolean | undefined>;

export function h(doc: Document, tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = std(doc).createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'href') {
      const safe = safeHref(String(value));
      if (safe !== null) element.setAttribute('href', safe);
    } else if (!name.startsWith('on')) {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? std(doc).createTextNode(child) : child);
  }
  return element;
}

function safeHref(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
