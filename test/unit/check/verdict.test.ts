// The verdict: consistent or not, a score, and reasons that point at the summary's words and the article's passage.
import { describe, expect, it } from 'vitest';
import { runCheck, reportToMarkdown, type CheckSummary } from '../../../lib/check/report';
import { BIAS, SIGN_KINDS, SIGN_WEIGHTS, signCounts, verdictLogit } from '../../../lib/check/verdict';

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
const check = (text: string, source = ARTICLE) => runCheck(article(source), summary(text)).verdict;
const kinds = (text: string, source = ARTICLE) =>
  check(text, source).reasons.map((reason) => [reason.kind, reason.span.text]);

describe('the verdict', () => {
  it('passes a faithful rewording, with no reasons and a score under one half', () => {
    const verdict = check('Councillors narrowly decided, 7 to 5, to keep the central library open on Sundays.');
    expect(verdict).toEqual({ label: 'consistent', score: expect.any(Number), reasons: [] });
    expect(verdict.score).toBeLessThan(0.5);
  });

  it('finds a number the article never has, pointing at it and at the passage it was compared with', () => {
    const text = 'The council kept the library open on Sundays at a cost of 390,000 dollars a year.';
    const verdict = check(text);
    expect(verdict.label).toBe('inconsistent');
    expect(verdict.score).toBeGreaterThan(0.5);
    const [reason] = verdict.reasons;
    expect(reason?.kind).toBe('figure not in the article');
    expect(reason?.span.text).toContain('390,000');
    expect(text.slice(reason?.span.start, reason?.span.end)).toBe(reason?.span.text);
    expect(reason?.passage).toContain('240,000 dollars');
  });

  it('finds a negation the passage does not make, and the negated word the passage states', () => {
    const text = 'The council did not keep the central library open on Sundays.';
    expect(check(text, POSITIVE_ARTICLE).label).toBe('inconsistent');
    expect(kinds(text, POSITIVE_ARTICLE)).toEqual(
      expect.arrayContaining([
        ['negation its passage does not make', 'not'],
        ['polarity opposite to its passage', 'keep'],
      ]),
    );
    // Against an article that negates elsewhere, the passage still states it: inconsistent, on the passage's ground.
    expect(check(text).label).toBe('inconsistent');
  });

  it('finds a negation the summary dropped: the summary states what its passage negates', () => {
    const verdict = check('Opening hours on weekdays change.');
    expect(verdict.label).toBe('inconsistent');
    expect(verdict.reasons.map((reason) => [reason.kind, reason.span.text, reason.detail])).toContainEqual([
      'polarity opposite to its passage',
      'change',
      'the summary states “change”; the passage it rests on negates it',
    ]);
  });

  it('finds a restriction the passage does not make', () => {
    const verdict = check('The council voted to keep only the central library open on Sundays.');
    expect(verdict.label).toBe('inconsistent');
    expect(verdict.reasons.map((reason) => [reason.kind, reason.span.text])).toEqual([
      ['restriction its passage does not make', 'only'],
    ]);
    // "Instead of" where the passage says "rather than" restricts nothing more.
    const rather = 'The kit plans its movements on the board, rather than following scripted paths.';
    expect(kinds('The kit plans its movements on the board instead of following scripted paths.', rather)).toEqual([]);
  });

  it('passes an opposite alone: a word the article never uses is not a sign in itself', () => {
    // WordNet opposites ("shut" against "open") were a kind of sign until they no longer helped on held-out documents
    // (README "The verdict"); an antonym swap is caught when it reverses what the passage negates or states.
    expect(kinds('The council voted to shut the central library on Sundays.')).toEqual([]);
    expect(kinds('Opening hours on weekdays do change.')).toContainEqual([
      'polarity opposite to its passage',
      'change',
    ]);
  });

  it('weighs every kind of sign as evidence against the summary, more signs scoring higher', () => {
    for (const kind of SIGN_KINDS) expect(SIGN_WEIGHTS[kind]).toBeGreaterThan(0);
    const none = signCounts([]);
    expect(verdictLogit(none)).toBe(BIAS);
    for (const kind of SIGN_KINDS) {
      const one = verdictLogit({ ...none, [kind]: 1 });
      expect(one).toBeGreaterThan(BIAS);
      expect(verdictLogit({ ...none, [kind]: 2 })).toBeGreaterThan(one);
    }
    const one = check('The library will open on Sundays for 390,000 dollars a year.');
    const more = check('The library will open on Sundays for 390,000 dollars a year, Mayor Lee Park said.');
    expect(more.reasons.length).toBeGreaterThan(one.reasons.length);
    expect(more.score).toBeGreaterThan(one.score);
  });

  it('keeps the label and the score in step: above one half exactly when inconsistent', () => {
    for (const text of [
      'Councillors narrowly decided, 7 to 5, to keep the central library open on Sundays.',
      'The council voted to keep only the central library open on Sundays.',
      'Opening hours on weekdays change, at a cost of 12 dollars.',
    ]) {
      const verdict = check(text);
      expect(verdict.score > 0.5).toBe(verdict.label === 'inconsistent');
    }
  });

  it('comes first in the Markdown report, with the summary sentence and the passage', () => {
    const markdown = reportToMarkdown(
      runCheck(article(ARTICLE), summary('The council kept the library open on Sundays for 390,000 dollars a year.')),
    );
    const verdictAt = markdown.indexOf('## Verdict');
    expect(verdictAt).toBeGreaterThan(0);
    expect(verdictAt).toBeLessThan(markdown.indexOf('## Length'));
    expect(markdown).toMatch(
      /\*\*Inconsistent\*\* \(score 0\.\d+\): one sign that the summary says what the article does not\./,
    );
    expect(markdown).toContain('compared with: “');
    // A consistent verdict with signs too weak to change it says so, and lists them.
    const report = runCheck(article(ARTICLE), summary('The council voted to keep only the central library open.'));
    const weak = reportToMarkdown({ ...report, verdict: { ...report.verdict, label: 'consistent', score: 0.4 } });
    expect(weak).toMatch(/\*\*Consistent\*\* \(score 0\.4\): one sign below, too weak to call the summary/);
    expect(weak).toContain('- restriction its passage does not make: the summary narrows the claim with “only”');
  });
});
