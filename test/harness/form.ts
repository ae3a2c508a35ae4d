// Form controls on Lens's own pages, reached by their visible label as a reader would find them.
import type { ElementHandle, Page } from 'puppeteer-core';

/** Clicks the checkbox whose label contains `label` if it is not already `checked`; throws when there is none. */
export async function setCheckbox(page: Page, label: string, checked: boolean): Promise<void> {
  await page.bringToFront();
  const input = (await labelled(page, label)) as ElementHandle<HTMLInputElement>;
  const state = () => input.evaluate((box) => box.checked);
  if ((await state()) !== checked) await input.click();
  if ((await state()) !== checked) throw new Error(`The checkbox "${label}" did not change on ${page.url()}`);
  await input.dispose();
}

/**
 * Replaces what a text field holds, as pasting would: the value set at once and an `input` event sent (the way
 * Playwright's fill works). Typing key by key raced with a second tab of the same page in headless Chromium.
 */
export async function fill(page: Page, field: ElementHandle<Element>, text: string): Promise<void> {
  await page.bringToFront();
  const tag = await field.evaluate((element, value) => {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) return element.tagName;
    element.focus();
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')?.set;
    setter?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
    return null;
  }, text);
  if (tag !== null) throw new Error(`fill: a ${tag} is not a text field`);
}

/** The `index`th element matching `selector`; throws when there are fewer. */
export async function nth(page: Page, selector: string, index: number): Promise<ElementHandle<Element>> {
  const found = (await page.$$(selector))[index];
  if (found === undefined) throw new Error(`No element ${index} of ${selector} on ${page.url()}`);
  return found;
}

/**
 * The element inside `scope` named `name` (its accessible name, e.g. a label's text or a button's). The tab comes to
 * the front first: headless Chromium does not answer an accessibility query about a tab behind another.
 */
export async function named(
  scope: ElementHandle<Element>,
  name: string,
  role?: string,
): Promise<ElementHandle<Element>> {
  await scope.frame.page().bringToFront();
  const selector = `::-p-aria([name="${name}"]${role === undefined ? '' : `[role="${role}"]`})`;
  const found = await scope.$(selector);
  if (found === null) throw new Error(`Nothing named "${name}" in this part of the page`);
  return found;
}

/**
 * A real mouse click at the element's centre. (Puppeteer's own ElementHandle.click waits for the page to paint a
 * frame, which a headless Chromium with two tabs of one extension page sometimes never does for the tab behind.)
 */
export async function clickOn(page: Page, element: ElementHandle<Element>): Promise<void> {
  await page.bringToFront();
  const centre = await element.evaluate((target) => {
    target.scrollIntoView({ block: 'nearest' });
    const box = target.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  await page.mouse.click(centre.x, centre.y);
}

/** The form control whose label contains `label` (as a reader finds a field by the words beside it). */
export async function labelled(page: Page, label: string): Promise<ElementHandle<Element>> {
  const handle = await page.evaluateHandle((wanted) => {
    for (const element of document.querySelectorAll('label'))
      if ((element.textContent ?? '').includes(wanted) && element.control !== null) return element.control;
    return null;
  }, label);
  const control = handle.asElement() as ElementHandle<Element> | null;
  if (control === null) throw new Error(`No field labelled "${label}" on ${page.url()}`);
  return control;
}
