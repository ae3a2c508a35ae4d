// Clips in the database: create, find by page, record how they anchored, edit, delete and restore, search, import.
import * as v from 'valibot';
import { ClipSchema, CLIPS_FORMAT, newClipId, type AnchorStatus, type Clip, type NewClip } from '../clips/clip';
import { hostKey, normalizeUrl, ownPageUrls, urlKeys } from '../match/url';
import { describeIssues } from '../validation/describe-issues';
import { findCoverage } from '../match/decide';
import { coverageLookup } from './match-lookup';
import { describeStorageError } from './errors';
import type { LensDatabase } from './schema';

export async function createClip(db: LensDatabase, clip: NewClip, now: Date): Promise<Clip> {
  // Kept under the canonical address when it is the same site's, else under the address it was made on (a syndicated
  // copy's clips stay with the copy, where they are found and edited again).
  const own = ownPageUrls(clip.page.url, clip.page.canonicalUrl);
  const keys = urlKeys([...own].reverse());
  const pageKey = keys[0] ?? normalizeUrl(clip.page.url) ?? clip.page.url;
  // The clip links the coverage only when the page is certainly its article (never on a possible match).
  const match = await findCoverage(
    { url: clip.page.url, canonicalUrl: clip.page.canonicalUrl, title: clip.page.title },
    coverageLookup(db),
  );
  const found = match?.verdict.kind === 'confirmed' ? match : null;
  const at = now.toISOString();
  const stored: Clip = {
    ...clip,
    id: newClipId(),
    pageKey,
    site: hostKey(own.at(-1) ?? clip.page.url) ?? '',
    accessedAt: at,
    createdAt: at,
    updatedAt: at,
    coverage: found
      ? { id: found.coverage.id, modelwireUrl: found.coverage.modelwireUrl, headline: found.coverage.headline }
      : null,
    anchor: { status: 'exact', checkedAt: at, reason: null },
    revision: 0,
  };
  await db.clips.add(stored);
  return stored;
}

/** The clips of a page, by any of its addresses (address, canonical, og:url). */
export async function clipsForPage(db: LensDatabase, urls: ReadonlyArray<string | null>): Promise<Clip[]> {
  const keys = urlKeys(urls);
  if (keys.length === 0) return [];
  const clips = await db.clips.where('pageKey').anyOf(keys).toArray();
  return clips.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Records how each clip anchored on its page; only clips of that page (`pageKeys`) are touched. */
export async function recordAnchors(
  db: LensDatabase,
  results: ReadonlyArray<{ id: string; status: AnchorStatus['status']; reason: string | null }>,
  pageKeys: ReadonlyArray<string>,
  now: Date,
): Promise<number> {
  return db.transaction('rw', db.clips, async () => {
    const clips = await db.clips.bulkGet(results.map((result) => result.id));
    const updates: Clip[] = [];
    for (const [index, result] of results.entries()) {
      const clip = clips[index];
      if (!clip || !pageKeys.includes(clip.pageKey)) continue;
      updates.push({ ...clip, anchor: { status: result.status, reason: result.reason, checkedAt: now.toISOString() } });
    }
    await db.clips.bulkPut(updates);
    return updates.length;
  });
}

/** An edit made against an older revision of a clip than the stored one; `current` is what is stored. */
export class ClipConflictError extends Error {
  constructor(readonly current: Clip) {
    super('This clip was changed in another tab or window after you opened it; your edit was not saved.');
    this.name = 'ClipConflictError';
  }
}

/**
 * Edits a clip's note and tags. With `revision` (the revision the editor started from), an edit over a newer one is
 * refused with `ClipConflictError`, so that no edit is lost unseen; every edit counts the revision up.
 */
export async function updateClip(
  db: LensDatabase,
  id: string,
  change: { note?: string; tags?: string[] },
  now: Date,
  revision?: number,
): Promise<Clip | null> {
  return db.transaction('rw', db.clips, async () => {
    const clip = await db.clips.get(id);
    if (!clip) return null;
    const stored = clip.revision ?? 0;
    if (revision !== undefined && revision !== stored) throw new ClipConflictError(clip);
    const candidate = { ...clip, ...change, updatedAt: now.toISOString(), revision: stored + 1 };
    const checked = v.safeParse(ClipSchema, candidate);
    if (!checked.success) throw new Error(describeIssues(checked.issues));
    await db.clips.put(checked.output);
    return checked.output;
  });
}

/** Deletes clips and returns them, so that "Undo" can put them back exactly. */
export async function deleteClips(db: LensDatabase, ids: ReadonlyArray<string>): Promise<Clip[]> {
  return db.transaction('rw', db.clips, async () => {
    const clips = (await db.clips.bulkGet([...ids])).filter((clip): clip is Clip => clip !== undefined);
    await db.clips.bulkDelete(clips.map((clip) => clip.id));
    return clips;
  });
}

export async function restoreClips(db: LensDatabase, clips: ReadonlyArray<Clip>): Promise<void> {
  await db.clips.bulkPut([...clips]);
}

export interface ClipFilter {
  /** Words that must all appear in the quote, note, title, site, authors or tags (any case). */
  query?: string;
  site?: string | null;
  tag?: string | null;
  /** ISO dates (inclusive): when the clip was made. */
  from?: string | null;
  to?: string | null;
  orphanedOnly?: boolean;
}

function haystack(clip: Clip): string {
  return [clip.quote, clip.note, clip.page.title, clip.page.siteName, clip.site, ...clip.page.authors, ...clip.tags]
    .join(' \n ')
    .toLowerCase();
}

/** Clips matching the filter, newest first. */
export async function listClips(db: LensDatabase, filter: ClipFilter = {}): Promise<Clip[]> {
  const base = filter.tag
    ? db.clips.where('tags').equals(filter.tag)
    : filter.site
      ? db.clips.where('site').equals(filter.site)
      : db.clips.toCollection();
  const words = (filter.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const clips = await base
    .filter((clip) => {
      if (filter.site && clip.site !== filter.site) return false;
      if (filter.from && clip.createdAt.slice(0, 10) < filter.from) return false;
      if (filter.to && clip.createdAt.slice(0, 10) > filter.to) return false;
      if (filter.orphanedOnly && clip.anchor.status !== 'orphaned') return false;
      if (words.length > 0) {
        const text = haystack(clip);
        return words.every((word) => text.includes(word));
      }
      return true;
    })
    .toArray();
  return clips.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function clipFacets(db: LensDatabase): Promise<{ sites: string[]; tags: string[]; total: number }> {
  const [sites, tags, total] = await Promise.all([
    db.clips.orderBy('site').uniqueKeys(),
    db.clips.orderBy('tags').uniqueKeys(),
    db.clips.count(),
  ]);
  return { sites: sites.map(String).filter(Boolean), tags: tags.map(String), total };
}

/**
 * Imports Lens's own clip export. Every clip is checked first; one bad clip refuses the file with its position and
 * reason, and the write is one transaction, so a refused import changes nothing. The newer of two versions wins.
 */
export async function importClips(
  db: LensDatabase,
  text: string,
): Promise<{ ok: true; imported: number; unchanged: number } | { ok: false; error: string }> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not JSON (${String(error).slice(0, 120)}). Nothing was imported.` };
  }
  const envelope = v.safeParse(
    v.object({ format: v.literal(CLIPS_FORMAT), version: v.literal(1), clips: v.array(v.unknown()) }),
    document,
  );
  if (!envelope.success) {
    return {
      ok: false,
      error: `Not a Modelwire Lens clip export (${describeIssues(envelope.issues)}). Nothing was imported.`,
    };
  }
  const clips: Clip[] = [];
  for (const [index, item] of envelope.output.clips.entries()) {
    const checked = v.safeParse(ClipSchema, item);
    if (!checked.success) {
      return { ok: false, error: `clips[${index}]: ${describeIssues(checked.issues)}. Nothing was imported.` };
    }
    clips.push(checked.output);
  }
  try {
    return await db.transaction('rw', db.clips, async () => {
      const existing = await db.clips.bulkGet(clips.map((clip) => clip.id));
      const newer = clips.filter((clip, index) => {
        const current = existing[index];
        return current === undefined || current.updatedAt < clip.updatedAt;
      });
      await db.clips.bulkPut(newer);
      return { ok: true as const, imported: newer.length, unchanged: clips.length - newer.length };
    });
  } catch (error) {
    return { ok: false, error: `${describeStorageError(error)} Nothing was imported.` };
  }
}
