// What the page's own markup hides from readers, read from attributes alone (no computed styles: detection and
// extraction run on every page and in Node).
import { attr, hasAttr } from '../dom/safe';

/**
 * Class names that CSS frameworks and CMSes use to hide an element, or to keep it for screen readers only ("Skip to
 * content", "Posted on"), matched as whole class names ("hidden-xs" hides only on small screens, so it stays).
 */
const HIDING_CLASS =
  /\s(?:hidden|is-hidden|u-hidden|d-none|invisible|sr-only|visually-hidden|visuallyhidden|screen-reader-text|screen-reader-only)\s/i;

/** A responsive class that shows the element again on wider screens: "hidden md:block", "d-none d-lg-flex". */
const SHOWN_ON_WIDER =
  /(?:^|\s)(?:\w+:(?:block|flex|inline|inline-block|inline-flex|grid|table|contents)|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|inline|inline-block|grid|table))(?=\s|$)/;

/** Whether the element hides itself: `hidden`, `aria-hidden`, an inline `display: none`, or a hiding class. */
export function hiddenByMarkup(element: Element): boolean {
  if (hasAttr(element, 'hidden') || attr(element, 'aria-hidden') === 'true') return true;
  const style = attr(element, 'style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const className = attr(element, 'class');
  return className !== null && HIDING_CLASS.test(` ${className} `) && !SHOWN_ON_WIDER.test(className);
}
