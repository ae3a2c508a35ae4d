// How Lens's main text holds when a page carries interface it was never tuned on. Each human-labelled page of an
// article set is read as saved and again with one generic change: a consent notice at the top of the page (three
// wordings, one that never says "cookie"), a newsletter box inside the story, a subscription wall after it (four
// wordings, one that never says subscribe or read, one written after the rules), a list of ten other stories after
// it, a share bar after its first paragraph, an app banner first in the page (the last two written after the rules
// and never tuned on), a short story among interface (the story cut to two paragraphs, with a notice, a wall and a
// list of stories), every class and id taken away (a site whose class names say nothing), every <p> made a <div>.
// Lens (with its second opinion, as the check reads a page) and Readability read the same changed page; the figures
// are mean text F1 per change (Lens's also on each half of the set, split by site as `npm run eval:articles` splits
// it) and the pages whose F1 fell by more than 0.2 from the page as saved.
//
//   npm run eval:perturbed -- <dataset dir>
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractMainText } from '../../lib/article/main-text';
import { withSecondOpinion } from '../../lib/article/second-opinion';
import { halfOfCase, pageTextF1 } from './score-articles';

const datasetDir = process.argv[2];
if (!datasetDir || !existsSync(datasetDir)) {
  console.error('Usage: npm run eval:perturbed -- <dataset dir>');
  process.exit(2);
}

/** A consent notice's wording and control; the third says nothing of cookies, consent or privacy. */
const NOTICES = [
  {
    heading: 'We value your privacy',
    text: 'We and our partners use cookies and similar technologies to store and access information on your device. With your permission we and our partners may use precise location data and identification through device scanning, for personalised advertising and content, measurement, audience research and the development of services. You can change your choices at any time from the link at the bottom of every page.',
    controls: ['Accept all', 'Manage options'],
  },
  {
    heading: 'Before you continue',
    text: 'This site asks for your consent to use your personal data to show you relevant offers, to measure how our pages are read, and to improve the service. Some partners process data on the basis of their legitimate interest, to which you can object in the settings. Your choice applies to this site only and you may withdraw it whenever you like.',
    controls: ['I agree', 'Settings'],
  },
  {
    heading: 'A note on how this site works',
    text: 'To keep this site free, we work with a small number of partners who help us show advertisements that suit your interests, understand which stories readers enjoy, and keep the pages loading quickly on every kind of device. Continuing to browse means you are happy with this arrangement, which you can review whenever you like.',
    controls: ['Got it'],
  },
];

/**
 * A subscription wall's wording and controls; the third says nothing of subscribing, reading on or limits (a rule for
 * priced controls came after it), the fourth was written after the rules and never tuned on.
 */
const WALLS = [
  {
    heading: 'Subscribe to keep reading',
    text: 'You have reached your limit of free articles this month. Subscribe today for unlimited access on any device, with exclusive newsletters, the daily puzzles and the full archive going back more than a century. Cancel anytime.',
    controls: [{ label: 'See subscription offers', href: '/subscribe' }],
  },
  {
    heading: 'This story is for subscribers',
    text: 'Independent reporting takes time and money. Support it from one euro a week and get every story on the site and in the app, plus the printed edition on Saturdays.',
    controls: [
      { label: 'Subscribe now', href: '' },
      { label: 'Already a subscriber? Log in', href: '/account/login' },
    ],
  },
  {
    heading: 'Want the whole story?',
    text: "This article is part of our members' edition. Members get every story, the full archive and the app, and help pay for local reporting in the towns we cover.",
    controls: [{ label: 'Join for €5 a month', href: '/members/join' }],
  },
  {
    heading: 'You have reached the end of the preview',
    text: 'Unlock this story and thousands more with a Digital Pass: the website, the app and the evening edition, on up to three devices.',
    controls: [
      { label: 'Get the Digital Pass', href: '/pass' },
      { label: 'Maybe later', href: '' },
    ],
  },
];

const STORIES = [
  'City council votes on the harbour bridge plan after a long debate',
  'Local bakery wins a national prize for its rye bread',
  'School board names a new head for the district',
  'Rail operator adds a late train on weekends from March',
  'Museum reopens its west wing after two years of repairs',
];

/**
 * Changes a page; false when the page has nothing to change, or the labelled text the changed page should give when
 * the change takes part of the story away.
 */
type Change = (doc: Document, story: Element[], index: number, expected: string) => boolean | { expected: string };

function element(doc: Document, tag: string, text = '', attributes: Record<string, string> = {}): Element {
  const made = doc.createElement(tag);
  made.textContent = text;
  for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
  return made;
}

/** A box of these parts, with a class name that says nothing (as a CSS-in-JS build's do). */
function box(doc: Document, className: string, parts: Element[]): Element {
  const made = element(doc, 'div', '', { class: className });
  made.append(...parts);
  return made;
}

/** Puts a made box after an element of the story, when the page has one to put it after. */
function putAfter(anchor: Element | undefined, make: () => Element): boolean {
  if (anchor === undefined) return false;
  anchor.after(make());
  return true;
}

const longestOf = (story: Element[]) =>
  [...story].sort((a, b) => (b.textContent ?? '').length - (a.textContent ?? '').length)[0];

/** A consent notice first in the page, in one of three wordings. */
function consentNoticeFirst(doc: Document, index: number): boolean {
  const notice = NOTICES[index % NOTICES.length] as (typeof NOTICES)[number];
  const made = box(doc, 'q7f', [
    element(doc, 'h2', notice.heading),
    ...notice.text.split(/(?<=\.) (?=[A-Z])/).map((sentence) => element(doc, 'p', sentence)),
    ...notice.controls.map((label) => element(doc, index % 2 ? 'a' : 'button', label, { href: '#' })),
  ]);
  made.setAttribute('style', 'position:fixed;bottom:0;left:0;right:0');
  doc.body.insertBefore(made, doc.body.firstChild);
  return true;
}

/** A subscription wall after the story's last paragraph, in one of four wordings. */
function wallAfter(doc: Document, story: Element[], index: number): boolean {
  return putAfter(story.at(-1), () => {
    const wall = WALLS[index % WALLS.length] as (typeof WALLS)[number];
    return box(doc, 'pw3', [
      element(doc, 'h2', wall.heading),
      element(doc, 'p', wall.text),
      ...wall.controls.map(({ label, href }) => element(doc, href === '' ? 'button' : 'a', label, { href })),
    ]);
  });
}

/** A list of ten other stories, under a heading, after the story's last paragraph. */
function otherStoriesAfter(doc: Document, story: Element[]): boolean {
  return putAfter(story.at(-1), () => {
    const list = element(doc, 'ul');
    for (let i = 0; i < 10; i++) {
      const item = element(doc, 'li');
      item.append(element(doc, 'a', `${STORIES[i % STORIES.length]} (${i + 1})`, { href: `/news/story-${i}` }));
      list.append(item);
    }
    return box(doc, 'r5t', [element(doc, 'h3', 'More from this section'), list]);
  });
}

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const CHANGES: Record<string, Change> = {
  'as saved': () => true,
  'consent notice': (doc, _story, index) => consentNoticeFirst(doc, index),
  'newsletter box inside': (doc, story) =>
    putAfter(
      longestOf(story),
      () =>
      box(doc, 'x9z', [
        element(doc, 'h3', 'Get the morning briefing'),
        element(doc, 'p', 'The most important stories of the day, picked by our editors, in your inbox every morning before breakfast. Free, and you can leave whenever you like.'),
        element(doc, 'input', '', { type: 'email', placeholder: 'Your email address' }),
        element(doc, 'button', 'Sign me up'),
      ]), // prettier-ignore
    ),
  'subscription wall after': (doc, story, index) => wallAfter(doc, story, index),
  'ten other stories after': (doc, story) => otherStoriesAfter(doc, story),
  'share bar inside': (doc, story) =>
    putAfter(story[0], () =>
      box(
        doc,
        's4h',
        ['Share', 'Facebook', 'X', 'LinkedIn', 'WhatsApp', 'Email', 'Copy link', 'Print'].map((label, i) =>
          element(doc, i === 0 ? 'span' : 'a', label, i === 0 ? {} : { href: `https://share.example/${i}` }),
        ),
      ),
    ),
  'app banner first': (doc) => {
    const made = box(doc, 'b8n', [
      element(doc, 'strong', 'Read faster in our app'),
      element(
        doc,
        'span',
        'Stories load twice as fast, work offline on the train, and you choose which alerts reach you.',
      ),
      element(doc, 'a', 'Open in the app', { href: 'https://app.example/open' }),
      element(doc, 'button', 'Not now'),
    ]);
    doc.body.insertBefore(made, doc.body.firstChild);
    return true;
  },
  'short story among interface': (doc, story, index, expected) => {
    // The story cut to its first two paragraphs (a short news item), between a consent notice, a subscription wall
    // and a list of other stories: where interface outweighs the story.
    if (story.length < 3) return false;
    const cut = story.slice(2);
    const prefixes = cut.map((paragraph) => flat(paragraph.textContent ?? '').slice(0, 40));
    for (const paragraph of cut) paragraph.remove();
    const kept = story.slice(0, 2);
    consentNoticeFirst(doc, index);
    otherStoriesAfter(doc, kept);
    wallAfter(doc, kept, index);
    const lines = expected.split('\n').filter((line) => !prefixes.some((prefix) => flat(line).startsWith(prefix)));
    return { expected: lines.join('\n') };
  },
  'no class or id': (doc) => {
    for (const named of Array.from(doc.querySelectorAll('[class],[id]'))) {
      named.removeAttribute('class');
      named.removeAttribute('id');
    }
    return true;
  },
  'paragraphs as divs': (doc) => {
    for (const paragraph of Array.from(doc.querySelectorAll('p'))) {
      const div = doc.createElement('div');
      while (paragraph.firstChild) div.append(paragraph.firstChild);
      paragraph.replaceWith(div);
    }
    return true;
  },
};

/** The page's paragraphs that open a line of the labelled text: the story's own, to put a box inside or after. */
function storyParagraphs(doc: Document, expected: string): Element[] {
  const whole = flat(expected);
  return Array.from(doc.querySelectorAll('p')).filter((paragraph) => {
    const text = flat(paragraph.textContent ?? '');
    return text.length > 40 && whole.includes(text.slice(0, 40));
  });
}

interface Row {
  pages: number;
  lens: number;
  readability: number;
  lensFell: string[];
  readabilityFell: string[];
  /** Lens's F1 summed over each half's pages (halves by site, as `npm run eval:articles` splits them). */
  halves: Record<'A' | 'B', { pages: number; lens: number }>;
}

const quiet = new VirtualConsole();
const rows = new Map<string, Row>(
  Object.keys(CHANGES).map((name) => [
    name,
    {
      pages: 0,
      lens: 0,
      readability: 0,
      lensFell: [],
      readabilityFell: [],
      halves: { A: { pages: 0, lens: 0 }, B: { pages: 0, lens: 0 } },
    },
  ]),
);
let index = 0;
for (const source of readdirSync(datasetDir).sort()) {
  const sourceDir = join(datasetDir, source);
  if (!statSync(sourceDir).isDirectory()) continue;
  for (const name of readdirSync(sourceDir).sort()) {
    const dir = join(sourceDir, name);
    if (!existsSync(join(dir, 'expected.json')) || !existsSync(join(dir, 'page.html.gz'))) continue;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    if (expected.textFrom !== 'human-labelled' || typeof expected.text !== 'string') continue;
    // Styles are left out (jsdom rejects some), for every change and both extractors alike.
    const html = gunzipSync(readFileSync(join(dir, 'page.html.gz')))
      .toString('utf8')
      .replace(/<style\b[\s\S]*?<\/style>/gi, '')
      .replace(/\sstyle\s*=\s*("[^"]*"|'[^']*')/gi, '');
    const key = `${source}/${name}`;
    const half = halfOfCase(key, expected.url ?? null);
    let saved: [number, number] = [0, 0];
    for (const [change, apply] of Object.entries(CHANGES)) {
      const dom = new JSDOM(html, { url: expected.url ?? `https://example.com/${key}`, virtualConsole: quiet });
      const doc = dom.window.document;
      const applied = apply(doc, storyParagraphs(doc, expected.text), index, expected.text);
      if (applied === false) {
        dom.window.close();
        continue;
      }
      const wanted = applied === true ? (expected.text as string) : applied.expected;
      const copy = doc.cloneNode(true) as Document;
      const lens = pageTextF1(wanted, withSecondOpinion(doc, extractMainText(doc)).text);
      let readability = 0;
      try {
        readability = pageTextF1(wanted, new Readability(copy).parse()?.textContent ?? '');
      } catch {
        // A page Readability cannot read counts as a miss.
      }
      dom.window.close();
      await new Promise((resolve) => setImmediate(resolve)); // lets jsdom free the page (see eval-articles.ts)
      const row = rows.get(change) as Row;
      row.pages++;
      row.lens += lens;
      row.readability += readability;
      row.halves[half].pages++;
      row.halves[half].lens += lens;
      if (change === 'as saved') saved = [lens, readability];
      if (saved[0] - lens > 0.2) row.lensFell.push(`${key} ${saved[0].toFixed(2)} → ${lens.toFixed(2)}`);
      if (saved[1] - readability > 0.2) row.readabilityFell.push(key);
    }
    index++;
    if (process.stderr.isTTY) process.stderr.write(`\r${index}`);
  }
}
if (process.stderr.isTTY) process.stderr.write('\n');

const round = (value: number) => Math.round(value * 1000) / 1000;
const summary = [...rows].map(([change, row]) => ({
  change,
  pages: row.pages,
  lens: round(row.lens / Math.max(1, row.pages)),
  readability: round(row.readability / Math.max(1, row.pages)),
  lensFell: row.lensFell.length,
  readabilityFell: row.readabilityFell.length,
  lensHalfA: round(row.halves.A.lens / Math.max(1, row.halves.A.pages)),
  lensHalfB: round(row.halves.B.lens / Math.max(1, row.halves.B.pages)),
}));
console.log(`${index} human-labelled pages from ${datasetDir}: text F1 after each change (fell: pages down by > 0.2)`);
console.table(summary);
for (const [change, row] of rows) {
  if (row.lensFell.length > 0) console.log(`Lens fell on "${change}":\n  ${row.lensFell.join('\n  ')}`);
}
console.log(JSON.stringify({ eval: 'perturbed', pages: index, changes: summary }));
