// Finding a passage of a fixture article from a test, in the page's own world: to select it as a reader would, or to
// point the mouse at it.
/** Any driver's page (Playwright's or Puppeteer's): only string evaluation is used. */
interface Page {
  evaluate(expression: string): Promise<unknown>;
  url(): string;
}

/**
 * Runs in the page: finds the first text node of the article holding `text` and a Range over [from, to) of it, then
 * either selects it or returns the centre of its box.
 */
function inPage(text: string, from: number, to: number, select: boolean): string {
  return `(() => {
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(${JSON.stringify(text)});
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at + ${from});
      range.setEnd(node, at + ${to});
      if (${select}) {
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    return null;
  })()`;
}

/** Selects the first occurrence of `text` in the article, as a reader dragging over it would. */
export async function selectText(page: Page, text: string): Promise<void> {
  if ((await page.evaluate(inPage(text, 0, text.length, true))) === null) {
    throw new Error(`"${text}" is not in the article on ${page.url()}`);
  }
}

/** The centre, in viewport coordinates, of characters [from, to) of the first occurrence of `text`. */
export async function pointAt(page: Page, text: string, from = 0, to = text.length): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(inPage(text, from, to, false))) as { x: number; y: number } | null;
  if (point === null) throw new Error(`"${text}" is not in the article on ${page.url()}`);
  return point;
}
