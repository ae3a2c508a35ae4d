// The verdict: consistent or not, a score, and reasons that point at the summary's words and the article's passage.
import { describe, expect, it } from 'vitest';
import { runCheck, reportToMarkdown, type CheckSummary } from '../../../lib/check/report';

const ARTICLE = [
  'The city council voted on Tuesday to keep the central library open on Sundays.',
  'The extra day will cost 240,000 dollars a year, paid from the parking fund.',
  'Councillor Ana Ruiz said the vote was close, with 7 members in favour and 5 against.',
  'Opening hours on weekdays do not change.',
  'Librarians had asked for the change for three years.',
].join(' ');
const POSITIVE_ARTICLE = ARTICLE.replace('Opening hours on weekdays do not change.', 'Weekday hours stay as they are.');

const article = (text: string) => ({ text, url: null, title: null, siteName: null });
const summary = (text: string): CheckSummary => ({
  summary: text,
  analystTake: [],
  headline: null,
  modelwireUrl: null,
  source: null,
  takedownUrl: null,
});

describe('the verdict', () => {
  it('passes a faithful rewording, with no reasons and a score under one half', () => {
    const report = runCheck(
      article(ARTICLE),
      summary('Councillors narrowly decided, 7 to 5, that the central library stays open on Sundays.'),
    );
    expect(report.verdict).toEqual({ label: 'consistent', score: expect.any(Number), reasons: [] });
    expect(report.verdict.score).toBeLessThan(0.5);
  });

  it('finds a number the article never has, pointing at it and at the passage it was compared with', () => {
    const text = 'The council kept the library open on Sundays at a cost of 390,000 dollars a year.';
    const report = runCheck(article(ARTICLE), summary(text));
    expect(report.verdict.label).toBe('inconsistent');
    expect(report.verdict.score).toBeGreaterThan(0.5);
    const [reason] = report.verdict.reasons;
    expect(reason?.kind).toBe('fact not in the article');
    expect(reason?.span.text).toContain('390,000');
    expect(text.slice(reason?.span.start, reason?.span.end)).toBe(reason?.span.text);
    expect(reason?.passage).toContain('240,000 dollars');
  });

  it('finds a number taken from another passage of the article', () => {
    const text = 'The Sunday opening will cost 7 dollars a year, paid from the parking fund.';
    const report = runCheck(article(ARTICLE), summary(text));
    const moved = report.verdict.reasons.find((reason) => reason.kind === 'number from another passage');
    expect(moved?.span.text).toBe('7');
    expect(text.slice(moved?.span.start, moved?.span.end)).toBe('7');
    expect(moved?.passage).toContain('parking fund');
    expect(moved?.detail).toBe('“7” is in the article, but not in the passage this sentence rests on');
  });

  it('finds a negation where the article negates nothing', () => {
    const text = 'The council did not keep the central library open on Sundays.';
    const report = runCheck(article(POSITIVE_ARTICLE), summary(text));
    expect(report.verdict.label).toBe('inconsistent');
    expect(report.verdict.reasons.map((reason) => [reason.kind, reason.span.text])).toEqual([
      ['negation the article never makes', 'not'],
    ]);
    // The same sentence against an article that negates elsewhere is not called inconsistent on that ground alone.
    expect(runCheck(article(ARTICLE), summary(text)).verdict.reasons).toEqual([]);
  });

  it('scores more reasons higher, always above one half', () => {
    const one = runCheck(article(ARTICLE), summary('The library will open on Sundays for 390,000 dollars a year.'));
    const two = runCheck(
      article(ARTICLE),
      summary('The library will open on Sundays for 390,000 dollars a year, Mayor Lee Park said.'),
    );
    expect(one.verdict.reasons).toHaveLength(1);
    expect(two.verdict.reasons.length).toBeGreaterThan(1);
    expect(two.verdict.score).toBeGreaterThan(one.verdict.score);
    expect(one.verdict.score).toBeGreaterThan(0.5);
  });

  it('comes first in the Markdown report, with the summary sentence and the passage', () => {
    const markdown = reportToMarkdown(
      runCheck(article(ARTICLE), summary('The council kept the library open on Sundays for 390,000 dollars a year.')),
    );
    const verdictAt = markdown.indexOf('## Verdict');
    expect(verdictAt).toBeGreaterThan(0);
    expect(verdictAt).toBeLessThan(markdown.indexOf('## Length'));
    expect(markdown).toContain('**Inconsistent** (score 0.75): the summary says something the article does not.');
    expect(markdown).toContain('compared with: “');
  });
});
