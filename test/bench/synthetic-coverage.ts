// Synthetic Modelwire coverage at archive scale, for the index benchmark: publisher URLs in the shapes real news sites
// use (dated paths, section paths with numeric ids, .html files, query ids, language prefixes, subdomains, several
// public suffixes) and text of realistic lengths drawn from a vocabulary large enough that gzip sees prose-like
// redundancy, not a handful of repeated sentences. Deterministic: coverage `i` is the same on every run.
import type { CoverageContent } from '../../lib/modelwire/coverage';
import { random } from './text-generator';

const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'tan',
  'vi',
  'sor',
  'el',
  'dun',
  'pra',
  'ix',
  'ol',
  'ven',
  'tra',
  'ce',
  'mo',
  'bar',
  'ri',
  'qua',
  'len',
  'fos',
  'at',
  'gri',
  'num',
  'pel',
  'ost',
  'ze',
  'hal',
  'cor',
  'bin',
  'us',
];
const SUFFIXES = ['.com', '.co.uk', '.de', '.com.au', '.fr', '.net', '.org', '.in', '.ca', '.it', '.es', '.jp'];
const SECTIONS = ['news', 'business', 'technology', 'world', 'science', 'politics', 'health', 'markets', 'tech', 'ai'];

function wordList(count: number, seed: number): string[] {
  const next = random(seed);
  const words = new Set<string>();
  while (words.size < count) {
    const parts = 1 + Math.floor(next() * 3);
    let word = '';
    for (let i = 0; i < parts; i++) word += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

const WORDS = wordList(6000, 11);
// Common words recur as in prose (a Zipf-like draw: small indexes far more often).
function word(next: () => number): string {
  return WORDS[Math.floor(WORDS.length * next() ** 3)] as string;
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(next));
  if (next() < 0.3) out.splice(Math.floor(next() * out.length), 0, String(Math.floor(next() * 100_000)));
  const text = out.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

// A pool of sentences far larger than gzip's 32 KB window, drawn from for every paragraph: each record's text is
// as compressible as prose, and making a million records takes seconds, not minutes.
const POOL = (() => {
  const next = random(23);
  return Array.from({ length: 30_000 }, () => sentence(next, 8 + Math.floor(next() * 14)));
})();

function paragraph(next: () => number, chars: number): string {
  let text = '';
  while (text.length < chars) text += `${text ? ' ' : ''}${POOL[Math.floor(next() * POOL.length)]}`;
  return text;
}

function title(next: () => number): string {
  const name = word(next);
  return `${name[0]?.toUpperCase()}${name.slice(1)}`;
}

const PUBLISHERS = 3000;
const hosts = new Map<number, { host: string; shape: number }>();
function publisherHost(p: number): { host: string; shape: number } {
  const known = hosts.get(p);
  if (known) return known;
  const next = random(1_000_003 * (p + 1));
  const name = `${word(next)}${word(next)}`.slice(0, 18);
  const suffix = SUFFIXES[Math.floor(next() ** 2 * SUFFIXES.length)] as string;
  const sub = next();
  const host = sub < 0.6 ? `www.${name}${suffix}` : sub < 0.8 ? `${name}${suffix}` : `news.${name}${suffix}`;
  const made = { host, shape: Math.floor(next() * 7) };
  hosts.set(p, made);
  return made;
}

/** A publisher article address in one of the common shapes. `salt` makes an address no coverage has. */
export function syntheticUrl(i: number, salt = 0): string {
  const next = random(i * 7919 + salt * 104_729 + 17);
  const { host, shape } = publisherHost(Math.floor(next() * PUBLISHERS));
  const slug = Array.from({ length: 4 + Math.floor(next() * 6) }, () => word(next)).join('-');
  const year = 2019 + Math.floor(next() * 8);
  const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
  const id = String(10_000_000 + Math.floor(next() * 89_999_999));
  const section = SECTIONS[Math.floor(next() * SECTIONS.length)] as string;
  switch (shape) {
    case 0:
      return `https://${host}/${year}/${month}/${day}/${slug}/`;
    case 1:
      return `https://${host}/${section}/${slug}-${id}`;
    case 2:
      return `https://${host}/${section}/${year}/${month}/${slug}.html`;
    case 3:
      return `https://${host}/article.php?id=${id}&utm_source=feed`;
    case 4:
      return `https://${host}/en/${section}/${slug}`;
    case 5:
      return `https://${host}/${section}/articles/${slug}`;
    default:
      return `https://${host}/${year}/${month}/${day}/${section}/${slug}-${id}.html`;
  }
}

const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(i: number): string {
  // Time part from the index, so ids sort like real ones; random part from the index too.
  let time = 1_700_000_000_000 + i * 37_000;
  let head = '';
  for (let k = 0; k < 10; k++) {
    head = ULID_ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const next = random(i + 99);
  let tail = '';
  for (let k = 0; k < 16; k++) tail += ULID_ALPHABET[Math.floor(next() * 32)];
  return head + tail;
}

/** Coverage number `i`; `revision` > 0 gives the same coverage edited (another summary and take). */
export function syntheticCoverage(i: number, revision = 0): CoverageContent {
  const next = random(i * 31 + revision * 1_000_033 + 5);
  const source = syntheticUrl(i);
  const host = new URL(source).hostname;
  const headline = Array.from({ length: 7 + Math.floor(next() * 8) }, () => word(next)).join(' ');
  const id = ulid(i);
  const mentions = Array.from({ length: 2 + Math.floor(next() * 7) }, () => `${title(next)} ${title(next)}`);
  const drewOn = Array.from({ length: Math.floor(next() * 3) }, () => ({
    title: paragraph(next, 40).slice(0, 90),
    publisher: title(next),
    section: null,
    url: syntheticUrl(i, 7 + Math.floor(next() * 1000)),
  }));
  return {
    id,
    modelwireUrl: `https://themodelwire.com/article/${headline.toLowerCase().split(' ').slice(0, 6).join('-')}-${id}`,
    headline: `${headline[0]?.toUpperCase()}${headline.slice(1)}`,
    summary: paragraph(next, 300 + Math.floor(next() * 500)),
    analystTake: Array.from({ length: 2 + Math.floor(next() * 3) }, () => paragraph(next, 200 + next() * 300)),
    drewOn,
    mentions,
    source: { url: source, domain: host.replace(/^www\./, ''), aliases: [] },
    takedownUrl: 'https://themodelwire.com/takedown',
    publishedAt: new Date(1_700_000_000_000 + i * 37_000).toISOString(),
  };
}
