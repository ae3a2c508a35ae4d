import { describe, expect, it, vi } from 'vitest';
import { createPageHandlers } from '../../../lib/page/page-handlers';
import { countWords } from '../../../lib/text/words';
import { createRouter } from '../../../lib/messaging/router';
import { pageProtocol } from '../../../lib/messaging/protocol';
import { parseHtml, sitePage } from '../fixtures';

const URL = 'https://www.lakesideledger.com/2026/11/20/city-council-budget-vote/';
const context = { senderKind: 'extension-page' as const, tabId: null, senderUrl: 'chrome-extension://lens/popup.html' };

describe('page handlers', () => {
  it('page.extract gives the main text and citation metadata', async () => {
    const handlers = createPageHandlers(sitePage(URL), () => `${URL}?utm_source=x`);
    const reply = await handlers['page.extract']({}, context);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value).toMatchObject({
      url: URL,
      title: 'Council delays budget vote over library funding',
      siteName: 'The Lakeside Ledger',
    });
    // The byline is page furniture, not article text.
    expect(reply.value.text.startsWith('The Lakeside city council postponed')).toBe(true);
    expect(reply.value.words).toBe(countWords(reply.value.text));
    expect(reply.value.text.endsWith('were costing them customers.')).toBe(true);
  });

  it('page.extract says so when a page has no text', async () => {
    const handlers = createPageHandlers(parseHtml('<div><img src="x.png"></div>'), () => URL);
    expect(await handlers['page.extract']({}, context)).toEqual({
      ok: false,
      error: { code: 'refused', message: 'Lens found no article text on this page.' },
    });
  });

  it('page.extract sends the page’s markup when asked and its own text is doubtful, and only then', async () => {
    const letter = parseHtml(
      `<main><h1>Rates hold</h1><div class="newsletter">${'<p>Rates held steady again this week, the letter says, and the bond market shrugged at the news.</p>'.repeat(6)}</div></main>`,
    );
    const asked = await createPageHandlers(letter, () => URL)['page.extract']({ withMarkup: true }, context);
    if (!asked.ok) throw new Error(asked.error.message);
    expect(asked.value.words).toBeLessThan(150);
    expect(asked.value.markup).toContain('the bond market shrugged');
    // Not asked (the background's reading for entities): no markup, and a page without text is refused as before.
    expect(await createPageHandlers(letter, () => URL)['page.extract']({}, context)).toMatchObject({ ok: false });
    // A full article: Lens's text is enough, no markup travels.
    const article = await createPageHandlers(sitePage(URL), () => URL)['page.extract']({ withMarkup: true }, context);
    if (!article.ok) throw new Error(article.error.message);
    expect(article.value.markup).toBeUndefined();
  });

  it('page.extract sends the markup too when its long text is another story than the headline’s', async () => {
    const gallery = parseHtml(
      `<main><h1>Seven secrets hotel owners keep from their guests</h1><div class="gallery">${Array.from(
        { length: 12 },
        (_, i) =>
          `<p>${i + 1}/12: the football club reported lower revenue after missing the cup final, and its shares fell again in the autumn.</p>`,
      ).join('')}</div></main>`,
    );
    const reply = await createPageHandlers(gallery, () => URL)['page.extract']({ withMarkup: true }, context);
    if (!reply.ok) throw new Error(reply.error.message);
    expect(reply.value.words).toBeGreaterThanOrEqual(150);
    expect(reply.value.markup).toContain('Seven secrets hotel owners');
  });

  it('page.highlight explains when the browser lacks the Highlight API', async () => {
    const handlers = createPageHandlers(sitePage(URL), () => URL);
    const reply = await handlers['page.highlight'](
      { passages: ['The draft budget would hold library spending flat'] },
      context,
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'refused', message: 'This browser cannot highlight text without changing the page.' },
    });
  });
});

describe('the content script’s router', () => {
  const IDENTITY = { id: 'lens', baseUrl: 'chrome-extension://lens/', modelwireHosts: [] };
  const handlers = {
    'page.extract': vi.fn(async () => ({
      ok: true as const,
      value: { url: URL, title: null, siteName: null, text: 't', words: 1 },
    })),
    'page.highlight': vi.fn(),
    'page.entities': vi.fn(),
    'page.clip': vi.fn(),
    'page.notice': vi.fn(),
    'page.refresh': vi.fn(),
  };

  it.each([
    [{ id: 'lens', url: 'chrome-extension://lens/popup.html' }, true],
    [{ id: 'lens', url: 'https://news.example/', tab: { id: 1 }, frameId: 0 }, false],
    [{ id: 'another-extension', url: 'chrome-extension://another-extension/page.html' }, false],
    [{}, false],
  ])('answers page.extract from %j: %s', async (sender, allowed) => {
    handlers['page.extract'].mockClear();
    const route = createRouter(pageProtocol, handlers, IDENTITY, vi.fn());
    const reply = await route({ channel: 'modelwire-lens', name: 'page.extract', payload: {} }, sender);
    expect(reply.ok).toBe(allowed);
    expect(handlers['page.extract']).toHaveBeenCalledTimes(allowed ? 1 : 0);
  });

  it('refuses oversized highlight requests before the handler', async () => {
    const route = createRouter(pageProtocol, handlers, IDENTITY, vi.fn());
    const sender = { id: 'lens', url: 'chrome-extension://lens/popup.html' };
    const tooMany = await route(
      { channel: 'modelwire-lens', name: 'page.highlight', payload: { passages: Array(201).fill('x') } },
      sender,
    );
    const tooLong = await route(
      { channel: 'modelwire-lens', name: 'page.highlight', payload: { passages: ['x'.repeat(20_001)] } },
      sender,
    );
    expect([tooMany.ok, tooLong.ok]).toEqual([false, false]);
    expect(handlers['page.highlight']).not.toHaveBeenCalled();
  });
});
