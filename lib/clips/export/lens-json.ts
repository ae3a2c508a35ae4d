// Clips as Lens's own JSON, the one format that imports back (lib/db/clips.ts `importClips`).
import { CLIPS_FORMAT, type Clip } from '../clip';

export function toLensJson(clips: ReadonlyArray<Clip>, now: Date): string {
  return `${JSON.stringify({ format: CLIPS_FORMAT, version: 1, exportedAt: now.toISOString(), clips }, null, 1)}\n`;
}
