// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { extractMainText } from '../../../lib/article/main-text';
import { readabilityReading, withSecondOpinion } from '../../../lib/article/second-opinion';
import { must, reading } from '../fixtures';

const sentence = (i: number) =>
  `The council voted ${i} times on the harbour plan before the port authority agreed to publish its figures.`;

function documentOf(html: string): Document {
  return parseHTML(html).document as unknown as Document;
}

describe('the main text with a second opinion', () => {
  it('keeps Lens’s text when it is long enough, without asking Readability', () => {
    const text = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    let asked = 0;
    const result = withSecondOpinion(documentOf('<p>x</p>'), reading(text), () => {
      asked++;
      return reading(`${text} ${text}`);
    });
    expect(result).toEqual({ text, from: 'lens', note: null });
    expect(asked).toBe(0);
  });

  it('takes Readability’s text when Lens found almost nothing and Readability finds clearly more', () => {
    const other = Array.from({ length: 10 }, (_, i) => sentence(i)).join(' ');
    expect(withSecondOpinion(documentOf('<p>x</p>'), reading(''), () => reading(other))).toEqual({
      text: other,
      from: 'readability',
      note: `Lens found no article text on this page; the check used Mozilla Readability's reading of it (${other.split(' ').length} words).`,
    });
    expect(
      withSecondOpinion(documentOf('<p>x</p>'), reading('Accept all cookies to continue.'), () => reading(other)).from,
    ).toBe('readability');
  });

  it('keeps Lens’s short text when the second opinion finds no more, or nothing', () => {
    const short = `${sentence(1)} ${sentence(2)}`;
    expect(withSecondOpinion(documentOf('<p>x</p>'), reading(short), () => reading(`${short} More.`)).from).toBe(
      'lens',
    );
    expect(withSecondOpinion(documentOf('<p>x</p>'), reading(short), () => null)).toEqual({
      text: short,
      from: 'lens',
      note: null,
    });
  });

  it('asks Readability when Lens’s long text is another story than the headline’s, and keeps the one that matches', () => {
    const page = documentOf(
      '<html><head><title>Site</title></head><body><h1>Seven secrets hotel owners keep from their guests</h1></body></html>',
    );
    const gallery = Array.from(
      { length: 20 },
      (_, i) => `Item ${i}: the football club reported lower revenue after missing the cup final this season.`,
    ).join(' ');
    const story = Array.from(
      { length: 20 },
      (_, i) => `Hotel owners say guests rarely learn secret ${i} about how rooms are cleaned and sheets are changed.`,
    ).join(' ');
    const result = withSecondOpinion(page, reading(gallery), () => reading(story));
    expect(result.from).toBe('readability');
    expect(result.text).toBe(story);
    expect(result.note).toMatch(/^The text Lens found on this page does not read like its headline's story;/);
    // When the other reading is no closer to the headline, Lens's stands.
    expect(withSecondOpinion(page, reading(gallery), () => reading(`${gallery} ${gallery}`)).from).toBe('lens');
    // Lens's text that opens with the headline's story is not second-guessed.
    let asked = 0;
    withSecondOpinion(page, reading(story), () => {
      asked++;
      return reading(gallery);
    });
    expect(asked).toBe(0);
  });

  it('reads a page as the CLI parses it (linkedom) and leaves the page as it was', () => {
    const body = Array.from({ length: 12 }, (_, i) => `<p>${sentence(i)} ${sentence(i + 100)}</p>`).join('');
    const doc = documentOf(
      `<!doctype html><html><head><title>Harbour plan</title></head><body><div class="story">${body}</div></body></html>`,
    );
    const shape = () => [doc.querySelectorAll('*').length, doc.body.textContent];
    const before = shape();
    const text = readabilityReading(doc)?.text;
    expect(text).toContain(sentence(0));
    expect(text).toContain(sentence(111));
    expect(shape()).toEqual(before);
    // Lens's own answer on this page is long enough: it stands.
    expect(withSecondOpinion(doc, extractMainText(doc)).from).toBe('lens');
  });

  it('keeps Lens’s long text off the headline when the other reading is the same story, found inside it', () => {
    const page = documentOf(
      '<html><head><title>Site</title></head><body><h1>Seven secrets hotel owners keep from their guests</h1></body></html>',
    );
    // Lens's text opens far from the headline's words; the other reading opens nearer, but is Lens's own middle.
    const opening = Array.from({ length: 30 }, (_, i) => `Item ${i}: the football club reported lower revenue.`);
    const middle = Array.from({ length: 20 }, (_, i) => `Hotel owners keep secret ${i} from guests who stay.`);
    const lensText = [...opening, ...middle].join(' ');
    expect(withSecondOpinion(page, reading(lensText), () => reading(middle.join('\n'))).from).toBe('lens');
    // Another story, not found in Lens's text, is taken.
    const other = middle.map((line) => line.replace('stay', 'leave early'));
    expect(withSecondOpinion(page, reading(lensText), () => reading(other.join('\n'))).from).toBe('readability');
  });

  it('reads Readability’s paragraphs as lines, not run together', () => {
    const body = Array.from({ length: 12 }, (_, i) => `<p>${sentence(i)}</p>`).join('');
    const text = readabilityReading(documentOf(`<html><body><article>${body}</article></body></html>`))?.text;
    expect(text?.split('\n')).toEqual(Array.from({ length: 12 }, (_, i) => sentence(i)));
  });

  it('counts the links of the other reading apart: a list of other stories is not more of a short story', () => {
    const short = `${sentence(1)} ${sentence(2)} ${sentence(3)}`;
    const titles = Array.from({ length: 12 }, (_, i) => `Museum reopens its west wing after repairs, part ${i}`);
    const page = documentOf(
      `<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1><p>${short}</p>` +
        `<h3>More from this section</h3><ul>${titles.map((title, i) => `<li><a href="/n/${i}">${title}</a></li>`).join('')}</ul>` +
        `</article></body></html>`,
    );
    const other = readabilityReading(page);
    expect(other?.text).toContain(titles[11]);
    expect(other?.linkWords).toBe(titles.join(' ').split(' ').length);
    expect(withSecondOpinion(page, reading(short)).from).toBe('lens');
    // The same words as prose are more of the story.
    expect(withSecondOpinion(page, reading(short), () => ({ ...must(other), linkWords: 0 })).from).toBe('readability');
    // And Lens's own links count apart too: a short column of link titles gives way to a story with fewer words in all.
    const column = { text: titles.join('\n'), linkWords: titles.join(' ').split(' ').length };
    expect(withSecondOpinion(page, column, () => reading(`${short} ${short}`)).from).toBe('readability');
    expect(withSecondOpinion(page, { ...column, linkWords: 0 }, () => reading(`${short} ${short}`)).from).toBe('lens');
  });

  it('keeps Lens’s short story when the other reading is the page around it, the story far down', () => {
    const page = documentOf(
      '<html><head><title>Site</title></head><body><h1>Council votes on the harbour plan</h1></body></html>',
    );
    const story = `${sentence(1)}\n${sentence(2)}`;
    const menu = Array.from({ length: 40 }, (_, i) => `Section ${i}`);
    const teasers = Array.from({ length: 12 }, (_, i) => `Museum reopens its west wing after two years, part ${i}.`);
    // The site's menu, read before the story's first line: more words before it than the story has.
    const around = [...menu, story, ...teasers].join('\n');
    expect(withSecondOpinion(page, reading(story), () => reading(around)).from).toBe('lens');
    // A longer reading of the same story opens near where Lens's opens: it is taken.
    const more = ['By the harbour desk', story, ...Array.from({ length: 6 }, (_, i) => sentence(i + 10))].join('\n');
    expect(withSecondOpinion(page, reading(story), () => reading(more)).from).toBe('readability');
    // Lens's short text off the headline (a notice, a caption) gives way even when the other holds it far down.
    const notice = 'We and our partners store and read information on your device to show you offers.';
    expect(
      withSecondOpinion(page, reading(notice), () => reading([...menu, notice, story, story].join('\n'))).from,
    ).toBe('readability');
  });

  it('takes a longer reading of a short text only when it has three times its words outside links', () => {
    const short = Array.from({ length: 4 }, (_, i) => sentence(i)).join('\n');
    const more = (count: number) => [short, ...Array.from({ length: count }, (_, i) => sentence(i + 10))].join('\n');
    // 4 sentences of Lens's against 10 (two and a half times): captions and a menu could make up the difference.
    expect(withSecondOpinion(documentOf('<p>x</p>'), reading(short), () => reading(more(6))).from).toBe('lens');
    expect(withSecondOpinion(documentOf('<p>x</p>'), reading(short), () => reading(more(8))).from).toBe('readability');
  });

  it('gives no text rather than throwing on an empty document', () => {
    expect(readabilityReading(documentOf(''))).toBeNull();
    expect(withSecondOpinion(documentOf(''), reading(''))).toEqual({ text: '', from: 'lens', note: null });
  });
});
