// Clips as Markdown: each quote, its APA citation, a link to the exact passage, the note, tags and Modelwire.
import type { Clip } from '../clip';
import { cite, passageLink } from '../cite';
import { markdownInline, markdownLines, markdownLink } from '../../text/export-escape';

// Everything from the page (quote, title, names, addresses) and from the reader is escaped: it renders as the text it
// is in any Markdown viewer, and no address can end its link (lib/text/export-escape.ts).
export function toMarkdown(clips: ReadonlyArray<Clip>): string {
  return clips
    .map((clip) => {
      const lines = clip.quote
        .trim()
        .split(/\n+/)
        .map((line) => `> ${markdownInline(line)}`);
      const out = [
        ...lines,
        '',
        `— ${markdownInline(cite(clip, 'apa'))}`,
        '',
        markdownLink('Go to the passage', passageLink(clip)),
      ];
      if (clip.note.trim()) out.push('', `**Note:** ${markdownLines(clip.note.trim())}`);
      if (clip.tags.length > 0)
        out.push('', `Tags: ${clip.tags.map((tag) => `#${markdownInline(tag.replace(/\s+/g, '-'))}`).join(' ')}`);
      if (clip.coverage) out.push('', `Modelwire: ${markdownLink(clip.coverage.headline, clip.coverage.modelwireUrl)}`);
      return out.join('\n');
    })
    .join('\n\n---\n\n')
    .concat('\n');
}
