// Side effects on the browser shared by extension pages: downloads, the clipboard, new tabs.
import { browser } from 'wxt/browser';
import { safeHttpUrl } from '../match/url';

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (error) {
    console.warn('Modelwire Lens: copying to the clipboard failed', error);
    return false;
  }
}

export async function openTab(url: string): Promise<boolean> {
  const safe = safeHttpUrl(url);
  if (safe === null) return false;
  await browser.tabs.create({ url: safe });
  return true;
}

/** A file name from a title: "Regional hospitals pilot…" → "regional-hospitals-pilot". */
export function slug(text: string | null): string {
  const value = (text ?? 'article')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return value || 'article';
}
