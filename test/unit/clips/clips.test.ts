// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseBibtex } from '@retorquere/bibtex-parser';
import Ajv from 'ajv';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import type { Clip, NewClip } from '../../../lib/clips/clip';
import { cite, passageLink } from '../../../lib/clips/cite';
import { toBibtex } from '../../../lib/clips/export/bibtex';
import { toCslJson } from '../../../lib/clips/export/csl-json';
import { toLensJson } from '../../../lib/clips/export/lens-json';
import { toMarkdown } from '../../../lib/clips/export/markdown';
import { toWebAnnotation } from '../../../lib/clips/export/web-annotation';
import {
  clipFacets,
  clipsForPage,
  createClip,
  deleteClips,
  importClips,
  listClips,
  recordAnchors,
  restoreClips,
  updateClip,
} from '../../../lib/db/clips';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';

const NOW = new Date('2026-11-24T10:00:00Z');
const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
let db: LensDatabase;
let counter = 0;

function newClip(overrides: Partial<NewClip> = {}, page: Partial<NewClip['page']> = {}): NewClip {
  return {
    quote: 'The tool, called Triage Assist and built by Kestrel Labs, reads the intake notes',
    note: 'Vendor named here, not in the press release.',
    tags: ['health', 'ai'],
    selectors: {
      quote: {
        type: 'TextQuoteSelector',
        exact: 'The tool, called Triage Assist',
        prefix: 'on Tuesday. ',
        suffix: ' and built',
      },
      position: { type: 'TextPositionSelector', start: 420, end: 450 },
    },
    page: {
      url: `${COVERED}?utm_source=mail`,
      canonicalUrl: COVERED,
      title: 'Regional hospitals pilot an AI triage assistant',
      authors: ['Dana Whitfield'],
      siteName: 'The Lakeside Ledger',
      publishedTime: '2026-11-18T09:30:00Z',
      lang: 'en',
      ...page,
    },
    ...overrides,
  };
}

beforeEach(async () => {
  db = new LensDatabase(`clips-${++counter}`);
  await seedDemoData(db, demoFeed, NOW);
});
afterEach(async () => {
  await db.delete();
});

describe('clips in the database', () => {
  it('stores a clip with its page key, site and the coverage of its page', async () => {
    const clip = await createClip(db, newClip(), NOW);
    expect(clip).toMatchObject({
      pageKey: 'lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant',
      site: 'lakesideledger.com',
      accessedAt: NOW.toISOString(),
      coverage: { id: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A' },
      anchor: { status: 'exact' },
    });
    // Found again by another spelling of the address.
    expect(
      await clipsForPage(db, [
        'https://lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant?fbclid=x',
      ]),
    ).toHaveLength(1);
  });

  it('records anchoring only for clips of the reporting page', async () => {
    const mine = await createClip(db, newClip(), NOW);
    const other = await createClip(
      db,
      newClip({}, { url: 'https://circuitweekly.net/news/x/', canonicalUrl: null }),
      NOW,
    );
    const updated = await recordAnchors(
      db,
      [
        { id: mine.id, status: 'orphaned', reason: 'gone' },
        { id: other.id, status: 'orphaned', reason: 'forged' },
      ],
      [mine.pageKey],
      NOW,
    );
    expect(updated).toBe(1);
    expect((await db.clips.get(mine.id))?.anchor.status).toBe('orphaned');
    expect((await db.clips.get(other.id))?.anchor.status).toBe('exact');
  });

  it('refuses an edit made from an older revision, keeping the newer one; counts revisions up', async () => {
    const made = await createClip(db, newClip(), NOW);
    expect(made.revision).toBe(0);
    const first = await updateClip(db, made.id, { note: 'From the first tab' }, NOW, 0);
    expect(first?.revision).toBe(1);
    await expect(updateClip(db, made.id, { tags: ['second'] }, NOW, 0)).rejects.toMatchObject({
      name: 'ClipConflictError',
      current: { note: 'From the first tab', revision: 1 },
    });
    expect((await db.clips.get(made.id))?.note).toBe('From the first tab');
    // Without a revision (an old caller), the edit applies as before.
    expect((await updateClip(db, made.id, { tags: ['second'] }, NOW))?.revision).toBe(2);
  });

  it('edits, deletes with undo, searches and filters', async () => {
    const a = await createClip(db, newClip(), NOW);
    const b = await createClip(
      db,
      newClip(
        { quote: 'Orbital Compute pushes its second fab back', tags: ['chips'], note: '' },
        {
          url: 'https://circuitweekly.net/news/orbital-compute-delays-second-fab/',
          canonicalUrl: null,
          authors: [],
        },
      ),
      new Date('2026-11-20T10:00:00Z'),
    );
    expect(
      (await updateClip(db, a.id, { note: 'Checked with the network.', tags: ['health', 'Follow up'] }, NOW))?.tags,
    ).toEqual(['health', 'follow up']);
    await expect(updateClip(db, a.id, { tags: ['x'.repeat(61)] }, NOW)).rejects.toThrow(/tags/);
    expect((await listClips(db, { query: 'checked network' })).map((clip) => clip.id)).toEqual([a.id]);
    expect((await listClips(db, { site: 'circuitweekly.net' })).map((clip) => clip.id)).toEqual([b.id]);
    expect((await listClips(db, { tag: 'chips' })).map((clip) => clip.id)).toEqual([b.id]);
    expect((await listClips(db, { from: '2026-11-21' })).map((clip) => clip.id)).toEqual([a.id]);
    expect((await listClips(db)).map((clip) => clip.id)).toEqual([a.id, b.id]);
    expect(await clipFacets(db)).toEqual({
      sites: ['circuitweekly.net', 'lakesideledger.com'],
      tags: ['chips', 'follow up', 'health'],
      total: 2,
    });
    const removed = await deleteClips(db, [a.id, b.id]);
    expect(await db.clips.count()).toBe(0);
    await restoreClips(db, removed);
    expect((await listClips(db)).map((clip) => clip.id)).toEqual([a.id, b.id]);
  });

  it('round-trips its own export, and refuses a corrupt or foreign file without changing anything', async () => {
    const a = await createClip(db, newClip(), NOW);
    await createClip(db, newClip({ tags: [] }, { url: 'https://northbound.tech/analysis/x', canonicalUrl: null }), NOW);
    const exported = toLensJson(await listClips(db), NOW);
    const target = new LensDatabase(`clips-target-${counter}`);
    expect(await importClips(target, exported)).toEqual({ ok: true, imported: 2, unchanged: 0 });
    expect(await listClips(target)).toEqual(await listClips(db));
    expect(await importClips(target, exported)).toEqual({ ok: true, imported: 0, unchanged: 2 });
    const before = await listClips(target);
    const broken = JSON.parse(exported);
    broken.clips[1].selectors.quote.exact = '';
    for (const [text, reason] of [
      [exported.slice(0, 100), /not JSON/],
      [JSON.stringify({ items: [] }), /Not a Modelwire Lens clip export/],
      [JSON.stringify(broken), /clips\[1\]: selectors.quote.exact/],
    ] as const) {
      const outcome = await importClips(target, text);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatch(reason);
    }
    expect(await listClips(target)).toEqual(before);
    expect(before.map((clip) => clip.id)).toContain(a.id);
    await target.delete();
  });
});

describe('citations', () => {
  const clip = { page: newClip().page, accessedAt: NOW.toISOString() };
  it.each([
    [
      'apa',
      'Whitfield, D. (2026, November 18). Regional hospitals pilot an AI triage assistant. The Lakeside Ledger. ' +
        COVERED,
    ],
    [
      'mla',
      'Whitfield, Dana. “Regional hospitals pilot an AI triage assistant.” The Lakeside Ledger, 18 Nov. 2026, www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/.',
    ],
    [
      'chicago',
      'Whitfield, Dana. “Regional hospitals pilot an AI triage assistant.” The Lakeside Ledger, November 18, 2026. ' +
        COVERED +
        '.',
    ],
  ] as const)('%s', (style, expected) => {
    expect(cite(clip, style)).toBe(expected);
  });

  it('handles several authors, organisations and pages without a date', () => {
    const many = {
      page: { ...clip.page, authors: ['Dana Whitfield', 'Jonas Eklund', 'Reuters Staff'], publishedTime: null },
      accessedAt: clip.accessedAt,
    };
    expect(cite(many, 'apa')).toBe(
      `Whitfield, D., Eklund, J., & Reuters Staff. (n.d.). Regional hospitals pilot an AI triage assistant. The Lakeside Ledger. Retrieved November 24, 2026, from ${COVERED}`,
    );
    expect(cite(many, 'mla')).toMatch(/^Whitfield, Dana, et al\. “Regional.*Accessed 24 Nov\. 2026\.$/);
    expect(cite(many, 'chicago')).toMatch(
      /^Whitfield, Dana, Jonas Eklund, and Reuters Staff\. “Regional.*Accessed November 24, 2026\./,
    );
  });

  it('links to the exact passage with a text fragment', () => {
    expect(passageLink({ page: clip.page, quote: 'called Triage Assist, built' })).toBe(
      `${COVERED}#:~:text=called%20Triage%20Assist%2C%20built`,
    );
    const long = 'The tool, called Triage Assist and built by Kestrel Labs, reads the intake notes a nurse types';
    expect(passageLink({ page: clip.page, quote: long })).toBe(
      `${COVERED}#:~:text=The%20tool%2C%20called%20Triage%20Assist,intake%20notes%20a%20nurse%20types`,
    );
  });
});

describe('exports', () => {
  let clips: Clip[];
  beforeEach(async () => {
    await createClip(db, newClip(), NOW);
    await createClip(
      db,
      newClip(
        { quote: 'Prices rose 50% & more {sic}_#1 ~ ^ \\ $5', note: '', tags: [] },
        {
          url: 'https://circuitweekly.net/news/tessellate-raises-inference-prices/',
          canonicalUrl: null,
          authors: ['Circuit Weekly Staff', 'Ana Lima'],
          publishedTime: null,
          siteName: null,
          title: 'Tessellate raises prices',
        },
      ),
      NOW,
    );
    clips = await listClips(db);
  });

  it('CSL-JSON validates against the CSL data schema, field by field', () => {
    const schema = JSON.parse(
      readFileSync(new URL('../../fixtures/csl/csl-data.schema.json', import.meta.url), 'utf8'),
    );
    const items = toCslJson(clips);
    const validate = new Ajv({ allErrors: true }).compile(schema);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    const hospital = items.find((item) => item.URL === COVERED);
    expect(hospital).toMatchObject({
      type: 'article-newspaper',
      title: 'Regional hospitals pilot an AI triage assistant',
      'container-title': 'The Lakeside Ledger',
      author: [{ family: 'Whitfield', given: 'Dana' }],
      issued: { 'date-parts': [[2026, 11, 18]] },
      accessed: { 'date-parts': [[2026, 11, 24]] },
      language: 'en',
      keyword: 'health, ai',
    });
    const prices = items.find((item) => item.title === 'Tessellate raises prices');
    expect(prices).toMatchObject({
      type: 'webpage',
      author: [{ literal: 'Circuit Weekly Staff' }, { family: 'Lima', given: 'Ana' }],
    });
    expect(prices?.issued).toBeUndefined();
  });

  it('BibTeX parses back with a BibTeX parser, special characters intact', () => {
    const parsed = parseBibtex(toBibtex(clips));
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries).toHaveLength(2);
    const hospital = parsed.entries.find((entry) => entry.fields.url === COVERED);
    expect(hospital).toMatchObject({
      type: 'online',
      key: 'whitfield2026regional',
      fields: {
        author: [{ lastName: 'Whitfield', firstName: 'Dana' }],
        title: 'Regional hospitals pilot an AI triage assistant',
        // The parser reads organization as a list and keywords as a sorted list.
        organization: ['The Lakeside Ledger'],
        date: '2026-11-18',
        urldate: '2026-11-24',
        keywords: ['ai', 'health'],
      },
    });
    const prices = parsed.entries.find((entry) => entry.fields.title === 'Tessellate raises prices');
    expect(prices?.fields.author).toEqual([{ name: 'Circuit Weekly Staff' }, { lastName: 'Lima', firstName: 'Ana' }]);
    expect(prices?.fields.note).toBe('Quote: “Prices rose 50% & more {sic}_#1 ~ ^ \\ $5”');
  });

  it('Web Annotation: one AnnotationCollection with the selectors, note and tags', () => {
    const collection = toWebAnnotation(clips, NOW) as { first: { items: Array<Record<string, unknown>> } } & Record<
      string,
      unknown
    >;
    expect(collection).toMatchObject({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      total: 2,
    });
    const [first] = collection.first.items.filter((item) => (item.target as { source: string }).source === COVERED);
    expect(first).toMatchObject({
      type: 'Annotation',
      motivation: 'commenting',
      body: [
        { type: 'TextualBody', value: 'Vendor named here, not in the press release.', purpose: 'commenting' },
        { type: 'TextualBody', value: 'health', purpose: 'tagging' },
        { type: 'TextualBody', value: 'ai', purpose: 'tagging' },
      ],
      target: {
        source: COVERED,
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'The tool, called Triage Assist',
            prefix: 'on Tuesday. ',
            suffix: ' and built',
          },
          { type: 'TextPositionSelector', start: 420, end: 450 },
        ],
      },
    });
  });

  it('Markdown: quote, citation, link to the passage, note, tags, Modelwire', () => {
    const markdown = toMarkdown(clips.filter((clip) => clip.page.canonicalUrl === COVERED));
    expect(markdown).toBe(
      [
        '> The tool, called Triage Assist and built by Kestrel Labs, reads the intake notes',
        '',
        `— Whitfield, D. (2026, November 18). Regional hospitals pilot an AI triage assistant. The Lakeside Ledger. ${COVERED}`,
        '',
        `[Go to the passage](<${COVERED}#:~:text=The%20tool%2C%20called%20Triage%20Assist,Labs%2C%20reads%20the%20intake%20notes>)`,
        '',
        '**Note:** Vendor named here, not in the press release.',
        '',
        'Tags: #health #ai',
        '',
        'Modelwire: [Regional hospitals pilot an AI triage assistant in three emergency rooms](<https://themodelwire.com/article/regional-hospitals-pilot-ai-triage-assistant-01KX3F8Q2M7V4N6R9T1W5Y8Z0A>)',
        '',
      ].join('\n'),
    );
  });
});
