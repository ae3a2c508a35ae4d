// Form controls on Lens's own pages, reached by their visible label as a reader would find them.
import type { ElementHandle, Page } from 'puppeteer-core';

/** Clicks the checkbox whose label contains `label` if it is not already `checked`; throws when there is none. */
export async function setCheckbox(page: Page, label: string, checked: boolean): Promise<void> {
  await page.bringToFront();
  const handle = await page.evaluateHandle((wanted) => {
    for (const element of document.querySelectorAll('label')) {
      const input = element.querySelector('input[type="checkbox"]');
      if (input !== null && (element.textContent ?? '').includes(wanted)) return input;
    }
    return null;
  }, label);
  const input = handle.asElement() as ElementHandle<HTMLInputElement> | null;
  if (input === null) throw new Error(`No checkbox labelled "${label}" on ${page.url()}`);
  if ((await input.evaluate((box) => box.checked)) !== checked) await input.click();
  if ((await input.evaluate((box) => box.checked)) !== checked)
    throw new Error(`The checkbox "${label}" did not change on ${page.url()}`);
  await input.dispose();
}
