// An article's date when its metadata has none: from its address, a <time> beside its headline, or its dateline.
import { describe, expect, it } from 'vitest';
import { dateFromAddress, datelineNear, writtenDate } from '../../../lib/article/dateline';
import { extractMetadata } from '../../../lib/article/metadata';
import { parseHtml } from '../fixtures';

const story = (count: number) =>
  '<p>The ferry runs twice an hour from Monday, the operator said, after a month of storm repairs.</p>'.repeat(count);

describe('dates written in the ways pages write them', () => {
  it.each([
    ['Published December 15, 2016 at 9:13 am', '2016-12-15'],
    ['By Dana Whitfield · Dec. 9, 2016', '2016-12-09'],
    ['Monday, February 29, 2016 @ 11:10 PM UTC', '2016-02-29'],
    ['Sept 3rd, 2021', '2021-09-03'],
    ['19. Juli 2022, 14:05 Uhr', '2022-07-19'],
    ['le 4 mars 2019', '2019-03-04'],
    ['19 de julio de 2022', '2022-07-19'],
    ['15 December 2016', '2016-12-15'],
    ['Updated 2019-04-10 by the desk', '2019-04-10'],
    ['Stand: 19.07.2022', '2022-07-19'],
    ['2017年3月1日 14:27', '2017-03-01'],
    ['2019年 4月 4日', '2019-04-04'],
  ])('%s', (text, expected) => {
    expect(writtenDate(text)).toBe(expected);
  });

  it('takes the first date of a text, and refuses what is not a real day', () => {
    expect(writtenDate('Posted March 2, 2020; updated April 5, 2020')).toBe('2020-03-02');
    expect(writtenDate('February 30, 2016')).toBeNull();
    expect(writtenDate('31.02.2020')).toBeNull();
    expect(writtenDate('May 2016 was wet')).toBeNull();
    expect(writtenDate('the remark of 12 jam sessions 2016')).toBeNull();
    expect(writtenDate('')).toBeNull();
  });
});

describe('the date in a page’s address', () => {
  it.each([
    ['http://fortune.com/2016/12/15/amazon-alexa-gadgets/', '2016-12-15'],
    ['https://www.washingtonpost.com/news/opinions/wp/2018/10/29/enough-platitudes/', '2018-10-29'],
    ['https://example.com/blog/2021-03-07-spring-cleaning', '2021-03-07'],
    ['https://example.com/news/20190404/ssd.html', '2019-04-04'],
    ['https://www.slate.com/articles/politics/2017/03/trumpcare.html', null],
    ['https://example.com/reviews/lust-for-youth/', null],
    ['https://example.com/2016/13/40/not-a-day/', null],
    ['https://example.com/item/1234567890123/', null],
    ['not a url', null],
  ])('%s', (url, expected) => {
    expect(dateFromAddress(url)).toBe(expected);
  });
});

describe('the date beside the headline', () => {
  it('reads a <time> that follows the headline, with its time', () => {
    const doc = parseHtml(
      `<article><h1>Ferry timetable changes</h1><div class="meta">By Dana Whitfield <time datetime="2016-12-09T09:13:00Z">Friday</time></div>${story(3)}</article>`,
    );
    expect(datelineNear(doc)).toBe('2016-12-09T09:13:00Z');
  });

  it('reads a dateline written under the headline, or a kicker written just above it', () => {
    const under = parseHtml(`<h1>Ferry timetable changes</h1><p class="byline">Published Oct 19, 2022</p>${story(3)}`);
    expect(datelineNear(under)).toBe('2022-10-19');
    const above = parseHtml(
      `<header><span>Harbour · 14 October 2022</span><h1>Ferry timetable</h1></header>${story(3)}`,
    );
    expect(datelineNear(above)).toBe('2022-10-14');
  });

  it('never takes a related story’s date further down the page, nor a page without a headline', () => {
    const related = parseHtml(
      `<h1>Ferry timetable changes</h1>${story(6)}<aside><h2>Related</h2><time datetime="2015-01-02">Jan 2, 2015</time> Storm closes the pier</aside>`,
    );
    expect(datelineNear(related)).toBeNull();
    // Nor one deep inside the long container that follows the headline.
    const inside = parseHtml(
      `<h1>Ferry timetable changes</h1><div>${story(6)}<p>Earlier: <time datetime="2015-01-02">Jan 2, 2015</time></p></div>`,
    );
    expect(datelineNear(inside)).toBeNull();
    expect(datelineNear(parseHtml(`<p>Published Oct 19, 2022</p>${story(2)}`))).toBeNull();
  });

  it('fills the published time only when the metadata has none', () => {
    const url = 'https://valleygazette.example/2026/11/28/ferry-timetable';
    const body = `<h1>Ferry timetable changes</h1><p>November 27, 2026</p>${story(3)}`;
    const fromAddress = extractMetadata(parseHtml(`<html><head></head><body>${body}</body></html>`), url);
    expect(fromAddress.publishedTime).toBe('2026-11-28T00:00:00');
    const declared = extractMetadata(
      parseHtml(
        `<html><head><meta property="article:published_time" content="2026-11-26T08:00:00Z"></head><body>${body}</body></html>`,
      ),
      url,
    );
    expect(declared.publishedTime).toBe('2026-11-26T08:00:00Z');
    const written = extractMetadata(
      parseHtml(`<html><head></head><body>${body}</body></html>`),
      'https://valleygazette.example/ferry',
    );
    expect(written.publishedTime).toBe('2026-11-27T00:00:00');
  });
});
