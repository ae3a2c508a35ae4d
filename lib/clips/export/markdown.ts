// Clips as Markdown: each quote, its APA citation, a link to the exact passage, the note, tags and Modelwire.
import type { Clip } from '../clip';
import { cite, passageLink } from '../cite';

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
