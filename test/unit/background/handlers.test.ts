import { INITIAL_FEED_STATUS } from '../../../lib/feed/settings';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import demoFeed from '../../../lib/modelwire/demo/feed.json';
import { createHandlers } from '../../../lib/background/handlers';
import type { NewClip } from '../../../lib/clips/clip';
import type { Badge } from '../../../lib/background/badge';
import { LensDatabase } from '../../../lib/db/schema';
import { seedDemoData } from '../../../lib/db/seed';
import { parseModelwirePage } from '../../../lib/modelwire/parse-page';
import { describePage } from '../../../lib/article/describe-page';
import { readTabState, saveTabState, type TabState } from '../../../lib/tabs/tab-state';
import type { HandlerContext } from '../../../lib/messaging/router';
import { sitePage } from '../fixtures';
import { extractMainText } from '../../../lib/article/main-text';
import { mentionsOfArticle } from '../../../lib/db/mentions';
import { createClip } from '../../../lib/db/clips';

const NOW = new Date('2026-11-24T10:00:00Z');
const COVERED = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const UNCOVERED = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
const MODELWIRE =
  'https://themodelwire.com/article/open-source-robotics-kit-ships-with-motion-planner-01KX3K9M1N3P5Q7R9S2T4V6W8X';

let db: LensDatabase;
let counter = 0;
let badges: Array<[number, Badge]>;
/** What each tab's content script answers when asked for its article text. */
const articleTexts = new Map<number, string>();
/** Resolvers for "the names in tab N were found", which the background announces after answering the report. */
const found = new Map<number, (state: TabState) => void>();
const namesFound = (tabId: number) => new Promise<TabState>((resolve) => found.set(tabId, resolve));
let handlers: ReturnType<typeof createHandlers>;
const from = (
  tabId: number,
  senderUrl: string,
  kind: HandlerContext['senderKind'] = 'publisher-page',
): HandlerContext => ({
  senderKind: kind,
  tabId,
  senderUrl,
});

/** A new clip of the first words of the demo article, on the page described by `page`. */
function clipOf(page: Partial<NewClip['page']> & { url: string }): NewClip {
  return {
    quote: 'Three emergency departments',
    note: '',
    tags: [],
    selectors: {
      quote: { type: 'TextQuoteSelector', exact: 'Three emergency departments', prefix: '', suffix: ' run by' },
      position: { type: 'TextPositionSelector', start: 0, end: 28 },
    },
    page: { canonicalUrl: null, title: null, authors: [], siteName: null, publishedTime: null, lang: null, ...page },
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  db = new LensDatabase(`handlers-${++counter}`);
  await seedDemoData(db, demoFeed, NOW);
  badges = [];
  handlers = createHandlers({
    db,
    saveTabState,
    setBadge: vi.fn(async (tabId: number, badge: Badge) => {
      badges.push([tabId, badge]);
    }),
    now: () => NOW,
    syncFeed: async () => INITIAL_FEED_STATUS,
    readTabState,
    readArticleText: async (tabId) => articleTexts.get(tabId) ?? null,
    entitiesFound: (tabId, state) => {
      found.get(tabId)?.(state);
    },
  });
  articleTexts.clear();
  found.clear();
});
afterEach(async () => {
  // The name search a report starts runs on after the reply; let it finish before its database goes.
  await new Promise((resolve) => setTimeout(resolve, 30));
  await db.delete();
});

describe('page.detected', () => {
  it('marks a covered article: tab state, badge and mentions', async () => {
    const page = describePage(sitePage(COVERED), `${COVERED}?utm_source=mail`);
    const reply = await handlers['page.detected'](page, from(3, page.url));
    expect(reply).toMatchObject({
      ok: true,
      value: { kind: 'covered', coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', matchedBy: 'address' },
    });
    expect(await readTabState(3)).toMatchObject({ kind: 'covered', coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A' });
    expect(badges).toEqual([[3, expect.objectContaining({ text: 'MW' })]]);
    const mentions = await db.mentions.where('coverageId').equals('01KX3F8Q2M7V4N6R9T1W5Y8Z0A').toArray();
    expect(mentions.map((mention) => mention.entityKey).sort()).toEqual([
      'harbor health network',
      'kestrel labs',
      'triage assist',
    ]);
    expect(mentions[0]?.articleUrl).toBe(COVERED);
  });

  it('answers a covered article’s report with the overlay’s context, and an uncovered one with none', async () => {
    const covered = await handlers['page.detected'](describePage(sitePage(COVERED), COVERED), from(11, COVERED));
    expect(covered.ok && covered.value.overlay).toMatchObject({
      copyVia: null,
      coverage: {
        id: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
        headline: 'Regional hospitals pilot an AI triage assistant in three emergency rooms',
      },
      mentions: [
        { key: 'harbor health network', coverageCount: 1 },
        { key: 'kestrel labs', coverageCount: 3 },
        { key: 'triage assist', coverageCount: 1 },
      ],
      highlight: [
        { key: 'harbor health network', names: ['Harbor Health Network'] },
        { key: 'kestrel labs', names: ['Kestrel Labs'] },
        { key: 'triage assist', names: ['Triage Assist'] },
      ],
    });
    const uncovered = await handlers['page.detected'](
      describePage(sitePage(UNCOVERED), UNCOVERED),
      from(12, UNCOVERED),
    );
    expect(uncovered.ok && uncovered.value.overlay).toBeNull();
    // The context is not stored with the tab's state.
    expect(await readTabState(11)).not.toHaveProperty('overlay');
  });

  it('answers a report with the reader’s clips of that page, never another site’s', async () => {
    const clip = await createClip(db, clipOf({ url: COVERED }), NOW);
    const reply = await handlers['page.detected'](
      describePage(sitePage(COVERED), `${COVERED}?utm_source=x`),
      from(13, `${COVERED}?utm_source=x`),
    );
    expect(reply.ok && reply.value.clips?.map((item) => item.id)).toEqual([clip.id]);
    // A page elsewhere naming the clipped page as its canonical address gets nothing.
    const elsewhere = 'https://circuitweekly.net/news/open-source-robotics-kit/';
    const forged = { ...describePage(sitePage(elsewhere), elsewhere), canonicalUrl: COVERED };
    const other = await handlers['page.detected'](forged, from(14, elsewhere));
    expect(other.ok && other.value.clips).toEqual([]);
  });

  it('keeps a clip on a syndicated copy with the copy: found, shown and editable there, not on the original', async () => {
    const copy = 'https://syndicated.example/wire/hospitals-pilot-triage-assistant';
    const made = await handlers['clip.create'](
      clipOf({ url: copy, canonicalUrl: COVERED, title: 'Regional hospitals pilot an AI triage assistant' }),
      from(21, copy),
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value.site).toBe('syndicated.example');
    const edited = await handlers['clip.update'](
      { id: made.value.id, note: 'From the wire', tags: [] },
      from(21, copy),
    );
    expect(edited).toMatchObject({ ok: true, value: { note: 'From the wire' } });
    const again = await handlers['page.detected'](
      { ...describePage(sitePage(COVERED), copy), url: copy, canonicalUrl: COVERED },
      from(22, copy),
    );
    expect(again.ok && again.value.clips?.map((clip) => clip.id)).toEqual([made.value.id]);
    const original = await handlers['page.detected'](describePage(sitePage(COVERED), COVERED), from(23, COVERED));
    expect(original.ok && original.value.clips).toEqual([]);
  });

  it('matches by canonical URL when the address is a different spelling', async () => {
    const page = describePage(sitePage(COVERED), 'https://www.lakesideledger.com/p/48213');
    const reply = await handlers['page.detected'](page, from(3, page.url));
    expect(reply).toMatchObject({ ok: true, value: { kind: 'covered', matchedBy: 'canonical' } });
  });

  it('marks an uncovered article and a non-article, with no badge text', async () => {
    const article = describePage(sitePage(UNCOVERED), UNCOVERED);
    expect(await handlers['page.detected'](article, from(4, UNCOVERED))).toMatchObject({
      ok: true,
      value: { kind: 'not-covered' },
    });
    const home = describePage(sitePage('https://www.lakesideledger.com/'), 'https://www.lakesideledger.com/');
    expect(await handlers['page.detected'](home, from(5, home.url))).toMatchObject({
      ok: true,
      value: { kind: 'not-article' },
    });
    expect(badges.map(([, badge]) => badge.text)).toEqual(['', '']);
    expect(await db.mentions.count()).toBe(0);
  });

  it('shows a moved article as a possible match, with reasons, and records no mentions', async () => {
    const moved = 'https://www.lakesideledger.com/health/regional-hospitals-pilot-ai-triage-assistant/';
    const page = describePage(sitePage(moved), moved);
    const reply = await handlers['page.detected'](page, from(6, moved));
    if (!reply.ok || reply.value.kind !== 'possible') throw new Error(JSON.stringify(reply));
    expect(reply.value.coverageId).toBe('01KX3F8Q2M7V4N6R9T1W5Y8Z0A');
    expect(reply.value.confidence).toBeGreaterThanOrEqual(0.75);
    expect(reply.value.reasons[0]).toBe('same publisher (lakesideledger.com)');
    expect(badges).toEqual([[6, expect.objectContaining({ text: '?' })]]);
    expect(await db.mentions.count()).toBe(0);
  });

  it('stores the reader’s answer to a possible match per address, and uses it from then on', async () => {
    const moved = 'https://www.lakesideledger.com/health/regional-hospitals-pilot-ai-triage-assistant/';
    const page = describePage(sitePage(moved), moved);
    const changed: number[] = [];
    const answering = createHandlers({
      db,
      saveTabState,
      readTabState,
      setBadge: async (tabId, badge) => void badges.push([tabId, badge]),
      now: () => NOW,
      syncFeed: async () => INITIAL_FEED_STATUS,
      readArticleText: async () => null,
      pageChanged: (tabId) => void changed.push(tabId),
    });
    const first = await answering['page.detected'](page, from(11, moved));
    expect(first.ok && first.value.kind).toBe('possible');
    expect(first.ok && first.value.overlay).toBeNull();
    const popup = from(11, 'chrome-extension://lens/popup.html', 'extension-page');

    // Refusals: another coverage than the tab shows, a tab without a possible match.
    expect(
      await answering['match.answer']({ tabId: 11, coverageId: '01KX3K9M1N3P5Q7R9S2T4V6W8X', answer: 'same' }, popup),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await answering['match.answer']({ tabId: 99, coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', answer: 'same' }, popup),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await db.matchAnswers.count()).toBe(0);

    const yes = await answering['match.answer'](
      { tabId: 11, coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', answer: 'same' },
      popup,
    );
    expect(yes).toMatchObject({ ok: true, value: { kind: 'covered', matchedBy: 'reader' } });
    expect(changed).toEqual([11]);
    expect(badges.at(-1)).toEqual([11, expect.objectContaining({ text: 'MW' })]);
    // The next report of the same address (with a tracking parameter) is a confirmed match with the overlay.
    const again = await answering['page.detected'](
      describePage(sitePage(moved), `${moved}?utm_source=x`),
      from(12, `${moved}?utm_source=x`),
    );
    expect(again).toMatchObject({ ok: true, value: { kind: 'covered', matchedBy: 'reader' } });
    expect(again.ok && again.value.overlay?.coverage.id).toBe('01KX3F8Q2M7V4N6R9T1W5Y8Z0A');

    const no = await answering['match.answer'](
      { tabId: 12, coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', answer: 'different' },
      popup,
    );
    expect(no).toMatchObject({ ok: true, value: { kind: 'not-covered' } });
    expect(await db.matchAnswers.toArray()).toEqual([
      expect.objectContaining({ coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', answer: 'different' }),
    ]);
    const third = await answering['page.detected'](page, from(13, moved));
    expect(third).toMatchObject({
      ok: true,
      value: { kind: 'not-covered', dismissed: { coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A' } },
    });
    // "Ask me again": the answer is forgotten and the page is a possible match once more.
    const undo = await answering['match.answer'](
      { tabId: 13, coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', answer: 'undo' },
      popup,
    );
    expect(undo).toMatchObject({ ok: true, value: { kind: 'possible' } });
    expect(await db.matchAnswers.count()).toBe(0);
  });

  it('finds known entities in the article text, records them with counts and adds them to the tab state', async () => {
    const url = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
    const doc = sitePage(url);
    articleTexts.set(8, extractMainText(doc).text);
    const announced = namesFound(8);
    const reply = await handlers['page.detected'](describePage(doc, url), from(8, url));
    // The report is answered before the names are looked for.
    expect(reply).toMatchObject({ ok: true, value: { kind: 'not-covered' } });
    expect(reply.ok && 'onPage' in reply.value).toBe(false);
    expect((await announced).kind).toBe('not-covered');
    const state = await readTabState(8);
    expect(state?.kind === 'not-covered' && state.onPage).toEqual([
      { key: 'kestrel labs', name: 'Kestrel Labs', count: 2, coverageCount: 3 },
    ]);
    const [mention] = await mentionsOfArticle(
      db,
      'lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot',
    );
    expect(mention).toMatchObject({ entityKey: 'kestrel labs', coverageId: '', count: 2, timesSeen: 1 });
    expect(mention?.context).toContain('trained with Kestrel Labs, the Lakeside start-up');
  });

  it('counts a covered article’s entities in its text without counting the visit twice', async () => {
    const doc = sitePage(COVERED);
    articleTexts.set(9, extractMainText(doc).text);
    const announced = namesFound(9);
    await handlers['page.detected'](describePage(doc, COVERED), from(9, COVERED));
    await announced;
    const state = await readTabState(9);
    const onPage = state?.kind === 'covered' ? state.onPage : undefined;
    expect(onPage?.map((entity) => entity.key)).toEqual(
      expect.arrayContaining(['harbor health network', 'kestrel labs', 'triage assist']),
    );
    const mentions = await mentionsOfArticle(
      db,
      'lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant',
    );
    const harbor = mentions.find((mention) => mention.entityKey === 'harbor health network');
    expect(harbor).toMatchObject({ coverageId: '01KX3F8Q2M7V4N6R9T1W5Y8Z0A', timesSeen: 1 });
    expect(harbor?.count).toBeGreaterThan(0);
  });

  it('leaves a newer page’s state alone when the tab moved on while the text was read', async () => {
    const url = 'https://www.lakesideledger.com/2026/11/22/port-cranes-run-night-shift-on-autopilot/';
    const doc = sitePage(url);
    let announce = vi.fn();
    const settled = new Promise<void>((resolve) => {
      announce = vi.fn(() => resolve());
    });
    const newer = {
      kind: 'not-article' as const,
      page: describePage(sitePage(UNCOVERED), UNCOVERED),
      updatedAt: 'later',
    };
    const slow = createHandlers({
      db,
      saveTabState,
      readTabState,
      setBadge: async () => undefined,
      now: () => NOW,
      syncFeed: async () => INITIAL_FEED_STATUS,
      readArticleText: async (tabId) => {
        await saveTabState(tabId, newer);
        return extractMainText(doc).text;
      },
      entitiesFound: (tabId, state) => announce(tabId, state),
    });
    await slow['page.detected'](describePage(doc, url), from(10, url));
    // Nothing is announced for a page the tab has left; give the background its turn, then check.
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 300))]);
    expect(announce).not.toHaveBeenCalled();
    expect(await readTabState(10)).toEqual(newer);
  });

  it('refuses a report that does not come from a tab', async () => {
    const page = describePage(sitePage(COVERED), COVERED);
    expect(
      await handlers['page.detected'](page, { senderKind: 'publisher-page', tabId: null, senderUrl: COVERED }),
    ).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });
});

describe('coverage.capture', () => {
  const parsed = () => parseModelwirePage(sitePage(MODELWIRE), MODELWIRE);

  it('stores the coverage so that its source article is covered afterwards', async () => {
    const reply = await handlers['coverage.capture'](
      { url: MODELWIRE, parsed: parsed() },
      from(9, MODELWIRE, 'modelwire-page'),
    );
    expect(reply).toMatchObject({
      ok: true,
      value: { kind: 'modelwire', coverageId: '01KX3K9M1N3P5Q7R9S2T4V6W8X', error: null },
    });
    expect(badges).toEqual([[9, expect.objectContaining({ text: '✓' })]]);
    const source = 'https://circuitweekly.net/news/open-source-robotics-kit/';
    const page = describePage(sitePage(source), source);
    expect(await handlers['page.detected'](page, from(10, source))).toMatchObject({
      ok: true,
      value: { kind: 'covered' },
    });
  });

  it('refuses a capture claiming another address than the sending page', async () => {
    const other = 'https://themodelwire.com/article/someone-else-01KX3J7A2B4C6D8E1F3G5H7J9K';
    const reply = await handlers['coverage.capture'](
      { url: MODELWIRE, parsed: parsed() },
      from(9, other, 'modelwire-page'),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await db.coverages.get('01KX3K9M1N3P5Q7R9S2T4V6W8X')).toBeUndefined();
  });

  it('records a page that could not be read, keeping what is stored', async () => {
    const before = await db.coverages.count();
    const reply = await handlers['coverage.capture'](
      { url: MODELWIRE, parsed: { ok: false, error: 'The page has no headline' } },
      from(9, MODELWIRE, 'modelwire-page'),
    );
    expect(reply).toMatchObject({
      ok: true,
      value: { kind: 'modelwire', coverageId: null, error: 'The page has no headline' },
    });
    expect(badges[0]?.[1].text).toBe('!');
    expect(await db.coverages.count()).toBe(before);
  });
});
