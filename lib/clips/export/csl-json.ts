// Clips as CSL-JSON items, for reference managers (Zotero, Pandoc and anything built on citeproc).
import type { Clip } from '../clip';
import { citationUrl, dateParts, parseName } from '../cite';
import { stripControlsDeep } from '../../text/export-escape';

type CslDate = { 'date-parts': [[number, number, number]] };

function cslDate(parts: [number, number, number] | null): CslDate | undefined {
  return parts ? { 'date-parts': [parts] } : undefined;
}

/** CSL-JSON items, one per clip (`type` article-newspaper when the page names its site, webpage otherwise). */
export function toCslJson(clips: ReadonlyArray<Clip>): Array<Record<string, unknown>> {
  return stripControlsDeep(clips).map((clip) => {
    const item: Record<string, unknown> = {
      id: clip.id,
      type: clip.page.siteName ? 'article-newspaper' : 'webpage',
      title: clip.page.title ?? citationUrl(clip),
      URL: citationUrl(clip),
      accessed: cslDate(dateParts(clip.accessedAt)),
    };
    const authors = clip.page.authors
      .map(parseName)
      .map((name) => (name.literal !== null ? { literal: name.literal } : { family: name.family, given: name.given }));
    if (authors.length > 0) item.author = authors;
    if (clip.page.siteName) item['container-title'] = clip.page.siteName;
    const issued = cslDate(dateParts(clip.page.publishedTime));
    if (issued) item.issued = issued;
    if (clip.page.lang) item.language = clip.page.lang;
    item.note = `Quote: “${clip.quote.replace(/\s+/g, ' ').trim()}”${clip.note ? `\nNote: ${clip.note}` : ''}`;
    if (clip.tags.length > 0) item.keyword = clip.tags.join(', ');
    return item;
  });
}
