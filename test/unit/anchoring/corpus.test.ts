// The anchoring corpus: a page, 34 edits of it, and for each a quote clipped from the original with the outcome
// expected after the edit. Prints the re-anchoring rate.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { joinText } from '../../../lib/anchoring/dom-text';
import { anchorQuote, describeQuote } from '../../../lib/anchoring/quote';

interface Case {
  name: string;
  quote: string;
  edits: Array<{ find: string; replace: string }>;
  expect: 'anchored' | 'orphaned';
  text?: string;
  prefix?: string;
}

// happy-dom's URL is not Node's: build the path from this file's own.
const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/anchoring');
const base = readFileSync(join(dir, 'base.html'), 'utf8');
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as Case[];

const fold = (text: string) =>
  text.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim().toLowerCase();

function pageText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return joinText(doc.body, '\n').text;
}

const outcomes: Array<{ name: string; correct: boolean; status: string }> = [];
afterAll(() => {
  const correct = outcomes.filter((outcome) => outcome.correct).length;
  const anchoredExpected = cases.filter((item) => item.expect === 'anchored').length;
  const reanchored = outcomes.filter((outcome, index) => outcome.correct && cases[index]?.expect === 'anchored').length;
  console.log(
    `anchoring corpus: ${correct}/${outcomes.length} outcomes as expected; re-anchored ${reanchored}/${anchoredExpected} ` +
      `(${((100 * reanchored) / anchoredExpected).toFixed(1)}%) of the clips whose passage survived; ` +
      `${outcomes.filter((outcome, index) => outcome.correct && cases[index]?.expect === 'orphaned').length}/${
        outcomes.length - anchoredExpected
      } correctly reported orphaned; exact ${outcomes.filter((o) => o.status === 'exact').length}, fuzzy ${
        outcomes.filter((o) => o.status === 'fuzzy').length
      }, orphaned ${outcomes.filter((o) => o.status === 'orphaned').length}`,
  );
});

describe('the anchoring corpus', () => {
  it('has at least 30 edits', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  const original = pageText(base);
  it.each(cases)('$name', (item) => {
    // Clip the quote from the original page as the content script would: its place, then its selectors.
    const found = anchorQuote(original, { exact: item.quote, prefix: '', suffix: '' });
    if (found.status === 'orphaned') throw new Error(`the quote is not in the original page: ${item.quote}`);
    const selectors = describeQuote(original, found.start, found.end);
    let html = base;
    for (const edit of item.edits) {
      if (!html.includes(edit.find)) throw new Error(`edit not applicable: ${edit.find.slice(0, 60)}`);
      html = html.replace(edit.find, edit.replace);
    }
    const changed = pageText(html);
    const result = anchorQuote(changed, selectors.quote, selectors.position);
    let correct: boolean;
    if (item.expect === 'orphaned') {
      correct = result.status === 'orphaned';
    } else {
      correct =
        result.status !== 'orphaned' &&
        fold(changed.slice(result.start, result.end)) === fold(item.text ?? '') &&
        (item.prefix === undefined || fold(changed.slice(0, result.start)).endsWith(fold(item.prefix)));
    }
    outcomes.push({ name: item.name, correct, status: result.status });
    expect(
      result.status === 'orphaned' ? 'orphaned' : `anchored: ${fold(changed.slice(result.start, result.end))}`,
    ).toBe(item.expect === 'orphaned' ? 'orphaned' : `anchored: ${fold(item.text ?? '')}`);
    if (item.prefix !== undefined && result.status !== 'orphaned') {
      expect(fold(changed.slice(0, result.start)).endsWith(fold(item.prefix))).toBe(true);
    }
  });
});
