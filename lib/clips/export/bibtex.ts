// Clips as BibTeX (biblatex @online entries), with special characters escaped and unique citation keys.
import type { Clip } from '../clip';
import { citationUrl, dateParts, parseName } from '../cite';
import { stripControls } from '../../text/export-escape';

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
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** A field value: control characters removed, TeX's special characters escaped, so braces always balance. */
function bibtexText(text: string): string {
  return stripControls(text)
    .replace(/[\\{}%&$#_^~<>]/g, (char) => BIBTEX_SPECIAL[char] ?? char)
    .replace(/\s+/g, ' ');
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
      // A verbatim field: citationUrl is percent-encoded (safeUrl), so no brace or backslash can end it.
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
