// Clips in open formats: Markdown, CSL-JSON, BibTeX (biblatex @online), W3C Web Annotation (an AnnotationCollection),
// and Lens's own JSON (which imports back).
import type { Clip } from './clip';
import { cite, citationUrl, dateParts, parseName, passageLink } from './cite';
import { CLIPS_FORMAT } from '../db/clips';

export function toMarkdown(clips: ReadonlyArray<Clip>): string {
  return clips
    .map((clip) => {
      const lines = clip.quote
        .trim()
        .split(/\n+/)
        .map((line) => `> ${line.trim()}`);
      const out = [...lines, '', `— ${cite(clip, 'apa')}`, '', `[Go to the passage](${passageLink(clip)})`];
      if (clip.note.trim()) out.push('', `**Note:** ${clip.note.trim()}`);
      if (clip.tags.length > 0)
        out.push('', `Tags: ${clip.tags.map((tag) => `#${tag.replace(/\s+/g, '-')}`).join(' ')}`);
      if (clip.coverage) out.push('', `Modelwire: [${clip.coverage.headline}](${clip.coverage.modelwireUrl})`);
      return out.join('\n');
    })
    .join('\n\n---\n\n')
    .concat('\n');
}

type CslDate = { 'date-parts': [[number, number, number]] };

function cslDate(parts: [number, number, number] | null): CslDate | undefined {
  return parts ? { 'date-parts': [parts] } : undefined;
}

/** CSL-JSON items, one per clip (`type` article-newspaper when the page names its site, webpage otherwise). */
export function toCslJson(clips: ReadonlyArray<Clip>): Array<Record<string, unknown>> {
  return clips.map((clip) => {
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

const BIBTEX_SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

function bibtexText(text: string): string {
  return text.replace(/[\\{}%&$#_^~]/g, (char) => BIBTEX_SPECIAL[char] ?? char).replace(/\s+/g, ' ');
}

/** A citation key: first author's family name (or the site), year, first title word; made unique in the list. */
function citationKeys(clips: ReadonlyArray<Clip>): string[] {
  const seen = new Map<string, number>();
  return clips.map((clip) => {
    const first = clip.page.authors[0] ? parseName(clip.page.authors[0]) : null;
    const who = first ? (first.literal ?? first.family) : (clip.page.siteName ?? clip.site);
    const year = dateParts(clip.page.publishedTime)?.[0] ?? dateParts(clip.accessedAt)?.[0] ?? '';
    const word = (clip.page.title ?? '').split(/\s+/).find((part) => part.length > 3) ?? 'clip';
    const ascii = (text: string) =>
      text
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9]/g, '')
        .toLowerCase();
    const base = `${ascii(String(who)) || 'anon'}${year}${ascii(word)}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}${String.fromCharCode(97 + ((count - 1) % 26))}`;
  });
}

export function toBibtex(clips: ReadonlyArray<Clip>): string {
  const keys = citationKeys(clips);
  return clips
    .map((clip, index) => {
      const fields: Array<[string, string]> = [];
      const names = clip.page.authors.map(parseName);
      if (names.length > 0) {
        fields.push([
          'author',
          names
            .map((name) =>
              name.literal !== null
                ? `{${bibtexText(name.literal)}}`
                : `${bibtexText(name.family)}, ${bibtexText(name.given)}`,
            )
            .join(' and '),
        ]);
      }
      fields.push(['title', `{${bibtexText(clip.page.title ?? citationUrl(clip))}}`]);
      if (clip.page.siteName) fields.push(['organization', bibtexText(clip.page.siteName)]);
      const published = dateParts(clip.page.publishedTime);
      if (published) {
        fields.push(['date', published.map((part, at) => String(part).padStart(at === 0 ? 4 : 2, '0')).join('-')]);
        fields.push(['year', String(published[0])]);
      }
      fields.push(['url', citationUrl(clip)]);
      fields.push(['urldate', clip.accessedAt.slice(0, 10)]);
      if (clip.page.lang) fields.push(['langid', bibtexText(clip.page.lang)]);
      fields.push([
        'note',
        bibtexText(`Quote: “${clip.quote.replace(/\s+/g, ' ').trim()}”${clip.note ? ` Note: ${clip.note}` : ''}`),
      ]);
      if (clip.tags.length > 0) fields.push(['keywords', bibtexText(clip.tags.join(', '))]);
      return `@online{${keys[index]},\n${fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n')}\n}`;
    })
    .join('\n\n')
    .concat('\n');
}

/** W3C Web Annotation Data Model: one AnnotationCollection with one page holding every clip. */
export function toWebAnnotation(clips: ReadonlyArray<Clip>, now: Date): Record<string, unknown> {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: 'AnnotationCollection',
    label: 'Modelwire Lens clips',
    total: clips.length,
    generated: now.toISOString(),
    first: {
      type: 'AnnotationPage',
      startIndex: 0,
      items: clips.map((clip) => {
        const body: Array<Record<string, unknown>> = [];
        if (clip.note.trim())
          body.push({ type: 'TextualBody', value: clip.note, format: 'text/plain', purpose: 'commenting' });
        for (const tag of clip.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' });
        return {
          id: `urn:uuid:${clip.id}`,
          type: 'Annotation',
          motivation: clip.note.trim() ? 'commenting' : 'highlighting',
          created: clip.createdAt,
          modified: clip.updatedAt,
          ...(body.length > 0 ? { body } : {}),
          target: {
            source: citationUrl(clip),
            selector: [clip.selectors.quote, clip.selectors.position],
          },
        };
      }),
    },
  };
}

export function toLensJson(clips: ReadonlyArray<Clip>, now: Date): string {
  return `${JSON.stringify({ format: CLIPS_FORMAT, version: 1, exportedAt: now.toISOString(), clips }, null, 1)}\n`;
}
