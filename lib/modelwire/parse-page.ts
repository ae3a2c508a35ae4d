// Reads a Modelwire article page into coverage content by its headings and structure, never by class names, so that
// a redesign of the page's styling does not break capture. Missing sections give a partial record, not an error.
import { LIMITS, ULID_PATTERN, validateCoverageContent, type CoverageContent, type DrewOnItem } from './coverage';

export type PagePart = 'summary' | 'analystTake' | 'drewOn' | 'mentions' | 'source' | 'takedown' | 'publishedAt';

export type ParsedModelwirePage =
  { ok: true; coverage: CoverageContent; missing: PagePart[] } | { ok: false; error: string };

type SectionKind = 'lead' | 'context' | 'analyst' | 'drewOn' | 'mentions' | 'other';

const SECTION_LABELS: ReadonlyArray<[SectionKind, RegExp]> = [
  ['context', /^modelwire context:?$/i],
  ['analyst', /^analyst take:?$/i],
  ['drewOn', /^coverage we drew on:?$/i],
  ['mentions', /^mentions:?$/i],
];

/** The note under the analyst take that says how it was written: not part of the take itself. */
const GENERATED_NOTE = /^this analysis is generated\b/i;
const SOURCE_NOTE = /full content lives on\s+([a-z0-9][a-z0-9.-]*\.[a-z]{2,})/i;
const SKIPPED_SUBTREES = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'FIGURE', 'FIGCAPTION', 'NAV']);
const INLINE_TAGS = new Set(['A', 'SPAN', 'STRONG', 'B', 'EM', 'I', 'SMALL', 'BR', 'MARK', 'CODE', 'ABBR', 'TIME']);
const ITEM_SEPARATOR = /\s*[·•|;,]\s*/;
/** Past this many elements the page is not a Modelwire article; stop rather than walk a hostile DOM. */
const MAX_ELEMENTS = 20_000;

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function sectionOf(element: Element): SectionKind | null {
  const text = clean(element.textContent);
  if (text.length === 0 || text.length > 40) return null;
  for (const [kind, pattern] of SECTION_LABELS) if (pattern.test(text)) return kind;
  return null;
}

/** A label is the deepest element whose whole text is a section name ("Analyst take"). */
function isLabel(element: Element): SectionKind | null {
  const kind = sectionOf(element);
  if (kind === null) return null;
  for (const child of Array.from(element.children)) if (sectionOf(child) === kind) return null;
  return kind;
}

function isHeading(element: Element): boolean {
  return /^H[1-6]$/.test(element.tagName) || element.getAttribute('role') === 'heading';
}

function absoluteUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

/** A label set in the first inline element of a paragraph, such as <p><strong>Mentions</strong> …</p>. */
function findInlineLabel(paragraph: Element): { section: SectionKind; element: Element } | null {
  const first = paragraph.firstElementChild;
  if (first === null || !INLINE_TAGS.has(first.tagName)) return null;
  const before = paragraph.firstChild !== first ? clean(paragraph.firstChild?.textContent) : '';
  const section = before === '' ? isLabel(first) : null;
  return section === null ? null : { section, element: first };
}

interface Walk {
  headline: Element | null;
  blocks: Array<{ section: SectionKind; element: Element }>;
  labels: Array<{ section: SectionKind; element: Element }>;
}

/** One pass over the body in document order: labels switch the current section, paragraphs and items are collected. */
function walk(doc: Document): Walk {
  const result: Walk = { headline: null, blocks: [], labels: [] };
  const body = doc.body;
  if (!body) return result;
  let section: SectionKind = 'other';
  // An explicit stack rather than recursion: a hostile page can nest elements deeper than the call stack.
  const stack: Element[] = Array.from(body.children).reverse();
  for (let visited = 0; stack.length > 0 && visited < MAX_ELEMENTS; visited++) {
    const element = stack.pop() as Element;
    if (SKIPPED_SUBTREES.has(element.tagName.toUpperCase())) continue;
    const label = isLabel(element);
    if (label !== null) {
      section = label;
      result.labels.push({ section: label, element });
    } else if (element.tagName === 'H1' && result.headline === null) {
      result.headline = element;
      section = 'lead';
    } else if (isHeading(element)) {
      section = 'other';
    } else if (element.tagName === 'P' || element.tagName === 'LI') {
      const inlineLabel = findInlineLabel(element);
      if (inlineLabel !== null) {
        // "<p><b>Mentions</b>Meta · Anthropic</p>": the paragraph opens a section rather than belonging to one.
        section = inlineLabel.section;
        result.labels.push(inlineLabel);
      } else if (GENERATED_NOTE.test(clean(element.textContent))) section = 'other';
      else result.blocks.push({ section, element });
    } else {
      for (let index = element.children.length - 1; index >= 0; index--) stack.push(element.children[index] as Element);
    }
  }
  return result;
}

function textsOfLinksOrItems(root: Element): string[] {
  const items = Array.from(root.querySelectorAll('li'));
  const nodes = items.length > 0 ? items : Array.from(root.querySelectorAll('a'));
  return nodes.map((node) => clean(node.textContent)).filter((text) => text.length > 0);
}

function splitItems(text: string): string[] {
  return clean(text)
    .split(ITEM_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The entity names after a "Mentions" label: a list, links, or text separated by " · ". */
function mentionsAfter(label: Element): string[] {
  let anchor: Element | null = label;
  for (let depth = 0; anchor !== null && depth < 4; depth++) {
    const inline: Node[] = [];
    for (let node = anchor.nextSibling; node !== null; node = node.nextSibling) {
      if (node.nodeType === 3) {
        inline.push(node);
        continue;
      }
      if (node.nodeType !== 1) continue;
      const element = node as Element;
      if (INLINE_TAGS.has(element.tagName)) {
        inline.push(element);
        continue;
      }
      if (inline.some((part) => clean(part.textContent) !== '')) break;
      const items = textsOfLinksOrItems(element);
      return items.length > 0 ? items : splitItems(element.textContent ?? '');
    }
    const links = inline.filter((part): part is Element => part.nodeType === 1 && (part as Element).tagName === 'A');
    if (links.length > 0) return links.map((link) => clean(link.textContent)).filter(Boolean);
    const text = inline.map((part) => part.textContent ?? '').join(' ');
    if (clean(text) !== '') return splitItems(text);
    anchor = anchor.parentElement;
  }
  return [];
}

/** "Title · Publisher — Section" with an optional link. */
function drewOnItem(element: Element, base: string): DrewOnItem | null {
  const text = clean(element.textContent);
  if (text === '') return null;
  const dot = text.lastIndexOf(' · ');
  const title = dot > 0 ? text.slice(0, dot) : text;
  const rest = dot > 0 ? text.slice(dot + 3) : '';
  const [publisher, ...section] = rest.split(/\s+[—–-]\s+/);
  return {
    title: title.slice(0, LIMITS.label),
    publisher: publisher ? publisher.slice(0, LIMITS.label) : null,
    section: section.length > 0 ? section.join(' — ').slice(0, LIMITS.label) : null,
    url: absoluteUrl(element.querySelector('a')?.getAttribute('href') ?? null, base),
  };
}

function findSource(doc: Document, base: string): { url: string | null; domain: string | null } {
  const modelwireHost = hostOf(base);
  const notes = Array.from(doc.querySelectorAll('p, div, footer, section, aside'))
    .filter((element) => SOURCE_NOTE.test(clean(element.textContent)))
    // The innermost element that holds the note, not every ancestor of it.
    .filter((element, _, all) => !all.some((other) => other !== element && element.contains(other)));
  const note = notes[0];
  const domain = note
    ? (SOURCE_NOTE.exec(clean(note.textContent))?.[1]?.toLowerCase().replace(/\.$/, '') ?? null)
    : null;
  const external = (root: ParentNode) =>
    Array.from(root.querySelectorAll('a[href]'))
      .map((link) => absoluteUrl(link.getAttribute('href'), base))
      .filter((url): url is string => url !== null && hostOf(url) !== modelwireHost && !/takedown/i.test(url));
  const fromNote = note ? external(note) : [];
  const onDomain = domain
    ? external(doc).filter((url) => hostOf(url) === domain || hostOf(url).endsWith(`.${domain}`))
    : [];
  const url = fromNote.find((candidate) => !domain || hostOf(candidate).endsWith(domain)) ?? onDomain[0] ?? null;
  return { url, domain: domain ?? (url ? hostOf(url) : null) };
}

function findTakedown(doc: Document, base: string): string | null {
  for (const link of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href');
    if (/takedown/i.test(clean(link.textContent)) || /takedown/i.test(href ?? '')) {
      const url = absoluteUrl(href, base);
      if (url) return url;
    }
  }
  return null;
}

function findPublishedAt(doc: Document): string | null {
  const candidates = [
    doc.querySelector('meta[property="article:published_time"]')?.getAttribute('content'),
    doc.querySelector('time[datetime]')?.getAttribute('datetime'),
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const time = Date.parse(candidate);
    if (!Number.isNaN(time)) return new Date(time).toISOString();
  }
  return null;
}

function fallbackHeadline(doc: Document): string {
  const og = doc.querySelector('meta[property="og:title"]')?.getAttribute('content');
  return clean(og ?? doc.title).replace(/\s*[·|–—-]\s*Modelwire$/i, '');
}

/** The article id: the ULID that ends the slug of `https://themodelwire.com/article/<slug>-<ULID>`. */
export function modelwireIdFromUrl(pageUrl: string): string | null {
  let path: string;
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return null;
  }
  const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const candidate = last.slice(-26).toUpperCase();
  return last.length >= 26 && ULID_PATTERN.test(candidate) ? candidate : null;
}

/** Parses a Modelwire article page. Fails only when the page has no article id or no headline. */
export function parseModelwirePage(doc: Document, pageUrl: string): ParsedModelwirePage {
  const id = modelwireIdFromUrl(pageUrl);
  if (id === null) return { ok: false, error: 'This address has no Modelwire article id at the end of its slug.' };
  const { headline, blocks, labels } = walk(doc);
  const headlineText = clean(headline?.textContent) || fallbackHeadline(doc);
  if (headlineText === '')
    return { ok: false, error: 'The page has no headline: it does not look like a Modelwire article.' };

  const paragraphs = (section: SectionKind) =>
    blocks
      .filter((block) => block.section === section && block.element.tagName === 'P')
      .map((block) => clean(block.element.textContent))
      .filter((text) => text.length > 0);
  const summary =
    paragraphs('lead').find((text) => text.length >= 40 && !/^illustration accompanying/i.test(text)) ??
    clean(doc.querySelector('meta[name="description"]')?.getAttribute('content'));
  const hasAnalystLabel = labels.some((label) => label.section === 'analyst');
  const analystTake = paragraphs(hasAnalystLabel ? 'analyst' : 'context');
  const drewOn = blocks
    .filter((block) => block.section === 'drewOn' && block.element.tagName === 'LI')
    .map((block) => drewOnItem(block.element, pageUrl))
    .filter((item): item is DrewOnItem => item !== null);
  const mentionsLabel = labels.find((label) => label.section === 'mentions');
  const mentions = [...new Set(mentionsLabel ? mentionsAfter(mentionsLabel.element) : [])];
  const source = findSource(doc, pageUrl);
  const takedownUrl = findTakedown(doc, pageUrl);
  const publishedAt = findPublishedAt(doc);

  const content = {
    id,
    modelwireUrl: pageUrl.split('#')[0],
    headline: headlineText.slice(0, LIMITS.headline),
    summary: summary.slice(0, LIMITS.summary),
    analystTake: analystTake.slice(0, LIMITS.paragraphs).map((text) => text.slice(0, LIMITS.paragraph)),
    drewOn: drewOn.slice(0, LIMITS.drewOn),
    mentions: mentions.slice(0, LIMITS.mentions).map((name) => name.slice(0, LIMITS.mention)),
    source,
    takedownUrl,
    publishedAt,
  };
  const validated = validateCoverageContent(content);
  if (!validated.ok) return { ok: false, error: `The page could not be read as coverage: ${validated.error}` };

  const missing: PagePart[] = [];
  if (content.summary === '') missing.push('summary');
  if (content.analystTake.length === 0) missing.push('analystTake');
  if (content.drewOn.length === 0) missing.push('drewOn');
  if (content.mentions.length === 0) missing.push('mentions');
  if (source.url === null && source.domain === null) missing.push('source');
  if (takedownUrl === null) missing.push('takedown');
  if (publishedAt === null) missing.push('publishedAt');
  return { ok: true, coverage: validated.value, missing };
}
