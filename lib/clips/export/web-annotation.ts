// Clips as a W3C Web Annotation collection: each clip an Annotation with its selectors, note and tags.
import type { Clip } from '../clip';
import { citationUrl } from '../cite';
import { stripControlsDeep } from '../../text/export-escape';

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
      items: stripControlsDeep(clips).map((clip) => {
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
            selector: [
              clip.selectors.quote,
              clip.selectors.position,
              ...(clip.selectors.range ? [clip.selectors.range] : []),
            ],
          },
        };
      }),
    },
  };
}
