// Structured data from <script type="application/ld+json">: parsed defensively, since pages ship broken and hostile JSON.
import { queryAll, textOf } from '../dom/safe';

/** Upper bounds that keep a hostile page's JSON-LD from costing more than a blink. */
const MAX_BLOCKS = 20;
const MAX_BLOCK_CHARS = 500_000;
const MAX_NODES = 500;
const MAX_DEPTH = 8;

export type JsonLdNode = Record<string, unknown>;

function isNode(value: unknown): value is JsonLdNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The @type of a node as a list of bare names ("schema:NewsArticle" and "http://schema.org/NewsArticle" → "NewsArticle"). */
export function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/:#]/, '').trim())
    .filter((type) => type.length > 0);
}

const parsedByDocument = new WeakMap<Document, { signature: string; nodes: JsonLdNode[] }>();

/**
 * Every object node in the page's JSON-LD, flattening arrays and @graph, breadth-first and bounded. Parsed once per
 * state of the page's JSON-LD blocks: detection and metadata both ask, and a single-page app may replace them.
 */
export function jsonLdNodes(doc: Document): JsonLdNode[] {
  const scripts = Array.from(queryAll(doc, 'script[type="application/ld+json" i]')).slice(0, MAX_BLOCKS);
  const signature = scripts.map((script) => textOf(script) ?? '').join('\u0000');
  const cached = parsedByDocument.get(doc);
  if (cached && cached.signature === signature) return cached.nodes;
  const nodes = parseBlocks(scripts);
  parsedByDocument.set(doc, { signature, nodes });
  return nodes;
}

function parseBlocks(scripts: Element[]): JsonLdNode[] {
  const nodes: JsonLdNode[] = [];
  for (const script of scripts) {
    const source = textOf(script) ?? '';
    if (source.length > MAX_BLOCK_CHARS) continue;
    let parsed: unknown;
    try {
      // Some CMSes wrap the JSON in HTML comments or CDATA markers.
      parsed = JSON.parse(
        source
          .replace(/^\s*(?:<!--|(?:\/\/|\/\*)?\s*<!\[CDATA\[(?:\s*\*\/)?)/, '')
          .replace(/(?:-->|(?:\/\/|\/\*)?\s*\]\]>(?:\s*\*\/)?)\s*$/, ''),
      );
    } catch {
      continue;
    }
    const queue: Array<{ value: unknown; depth: number }> = [{ value: parsed, depth: 0 }];
    while (queue.length > 0 && nodes.length < MAX_NODES) {
      const { value, depth } = queue.shift() as { value: unknown; depth: number };
      if (depth > MAX_DEPTH) continue;
      if (Array.isArray(value)) {
        for (const item of value.slice(0, MAX_NODES)) queue.push({ value: item, depth: depth + 1 });
      } else if (isNode(value)) {
        nodes.push(value);
        if (value['@graph'] !== undefined) queue.push({ value: value['@graph'], depth: depth + 1 });
        if (isNode(value.mainEntity)) queue.push({ value: value.mainEntity, depth: depth + 1 });
      }
    }
  }
  return nodes;
}

/** A string value, or the "name" (or "@value") of an object value, or the first of a list of those. */
export function textValue(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textValue(item);
      if (text) return text;
    }
    return null;
  }
  if (isNode(value)) {
    const name = textValue(value.name ?? value['@value']);
    if (name || (value.givenName === undefined && value.familyName === undefined)) return name;
    return [textValue(value.givenName), textValue(value.familyName)].filter(Boolean).join(' ') || null;
  }
  return null;
}

/**
 * Stands in the full node for references by "@id" ({"@id": "…#/schema/person/1"}, as WordPress SEO plugins write
 * their @graph), one level deep, in a value or a list of values.
 */
export function resolveReferences(value: unknown, nodes: JsonLdNode[]): unknown {
  const resolveOne = (item: unknown): unknown => {
    if (!isNode(item) || typeof item['@id'] !== 'string' || item.name !== undefined) return item;
    const id = item['@id'];
    return nodes.find((node) => node !== item && node['@id'] === id && Object.keys(node).length > 1) ?? item;
  };
  return Array.isArray(value) ? value.map(resolveOne) : resolveOne(value);
}

/** Every name in a value that may be a string, an object with a name, or a list of either (authors). */
export function namesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => textValue(item)).filter((name): name is string => name !== null);
}
