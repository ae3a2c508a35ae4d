// Deterministic news-like text for benchmarks: the same seed gives the same article on every machine.

const SUBJECTS = [
  'The company',
  'Regulators',
  'The council',
  'Analysts',
  'The network',
  'Its chief executive',
  'The lab',
  'Researchers',
  'The union',
  'Investors',
];
const VERBS = [
  'said',
  'announced',
  'warned',
  'expected',
  'confirmed',
  'denied',
  'reported',
  'estimated',
  'argued',
  'promised',
];
const OBJECTS = [
  'a new plant',
  'the pilot programme',
  'quarterly revenue',
  'the licence terms',
  'a second model',
  'the safety review',
  'the budget',
  'waiting times',
  'the data centre',
  'the training data',
];
const TAILS = [
  'would open next year',
  'had grown by a quarter',
  'was delayed again',
  'remained under review',
  'could cost millions',
  'would be published in full',
  'fell short of forecasts',
  'met every target',
  'drew criticism from staff',
  'needed more engineers',
];
const NAMES = [
  'Orbital Compute',
  'Kestrel Labs',
  'Harbor Health Network',
  'Tessellate',
  'Pallet Robotics',
  'Maria Okafor',
  'Hannes Vogel',
  'Ruth Adeyemi',
];

/** A small seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(next: () => number): string {
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const number = Math.floor(next() * 9000) + 10;
  return `${pick(SUBJECTS)} ${pick(VERBS)} that ${pick(OBJECTS)} at ${pick(NAMES)} ${pick(TAILS)}, with ${number.toLocaleString('en-US')} people affected in ${2020 + Math.floor(next() * 8)}.`;
}

/** Paragraphs of about `words` words. */
export function article(words: number, seed: number): string[] {
  const next = random(seed);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const paragraph = Array.from({ length: 4 }, () => sentence(next)).join(' ');
    count += paragraph.split(/\s+/).length;
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

/** A summary of about `words` words: a third copied sentences, a third reordered, a third invented. */
export function summaryOf(paragraphs: string[], words: number, seed: number): string {
  const next = random(seed);
  const sentences = paragraphs.flatMap((paragraph) => paragraph.split(/(?<=\.)\s+/));
  const parts: string[] = [];
  let count = 0;
  for (let index = 0; count < words; index++) {
    const source = sentences[Math.floor(next() * sentences.length)] as string;
    const kind = index % 3;
    const text =
      kind === 0
        ? source
        : kind === 1
          ? `${source.replace(/\.$/, '').split(' ').reverse().join(' ')}.`
          : sentence(random(seed * 31 + index));
    parts.push(text);
    count += text.split(/\s+/).length;
  }
  return parts.join(' ');
}

export function articleHtml(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><meta property="og:type" content="article"><link rel="canonical" href="https://news.example/${encodeURIComponent(title)}"></head><body><header><nav><a href="/">Home</a></nav></header><main><article><h1>${title}</h1>${body}</article></main><footer>© News Example</footer></body></html>`;
}
