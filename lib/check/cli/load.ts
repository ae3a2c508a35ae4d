// Loads the two sides of a check from a URL or a file: an article's text, and Modelwire's summary.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractMainText, MAX_PAGE_NODES } from '../../article/main-text';
import { withSecondOpinion } from '../../article/second-opinion';
import { extractMetadata } from '../../article/metadata';
import { validateCoverageContent } from '../../modelwire/coverage';
import { parseModelwirePage } from '../../modelwire/parse-page';
import type { CheckArticle, CheckSummary } from '../report';

export interface LoadOptions {
  /** Per request, in milliseconds. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** Larger inputs are refused, files and responses alike: no article or summary page comes near this. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
const TOO_LARGE = `larger than ${MAX_BODY_BYTES / 1024 / 1024} MB, more than any article page; Lens does not check it`;

export class LoadError extends Error {}

/**
 * The bytes of a file or a response, read as they arrive and refused the moment they pass MAX_BODY_BYTES: a server
 * that streams without end, or a huge file, costs at most that much memory. Leaving the loop early closes the source.
 */
async function readLimited(chunks: AsyncIterable<Uint8Array>, what: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > MAX_BODY_BYTES) throw new LoadError(`${what} is ${TOO_LARGE}`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

/** Refuses a response without reading its body (which is released, not left streaming). */
async function refuse(response: Response, message: string): Promise<never> {
  await response.body?.cancel().catch(() => undefined);
  throw new LoadError(message);
}

function timedOut(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function isUrl(reference: string): boolean {
  return /^https?:\/\//i.test(reference);
}

async function fetchText(url: string, options: LoadOptions): Promise<string> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.8', 'user-agent': 'ModelwireLens-check/0.1' },
      redirect: 'follow',
    });
  } catch (error) {
    const reason = timedOut(error)
      ? `no answer within ${options.timeoutMs} ms`
      : String(error instanceof Error ? (error.cause ?? error.message) : error);
    throw new LoadError(`Could not fetch ${url}: ${reason}`);
  }
  if (!response.ok) return refuse(response, `Could not fetch ${url}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return refuse(response, `${url} is ${TOO_LARGE}`);
  let bytes: Uint8Array;
  try {
    // The same time limit covers the body: a server that sends slowly, or forever, is stopped.
    // Node's ReadableStream is async-iterable; the DOM types this project compiles with do not say so.
    const body = response.body as unknown as AsyncIterable<Uint8Array> | null;
    bytes = body === null ? new Uint8Array() : await readLimited(body, url);
  } catch (error) {
    if (error instanceof LoadError) throw error;
    throw new LoadError(
      `Could not fetch ${url}: ${timedOut(error) ? `the page did not arrive within ${options.timeoutMs} ms` : String(error)}`,
    );
  }
  return decodeText(bytes, response.headers.get('content-type'));
}

/** The encoding a page declares: its Content-Type's charset, else a `<meta>` charset near its start. */
function declaredEncoding(bytes: Uint8Array, contentType: string | null): string | null {
  const fromHeader = /charset\s*=\s*["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader;
  // The declaration must come early in the page (HTML's prescan looks at the first 1,024 bytes).
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1] ?? null;
}

/** Text from bytes in the encoding the page declares (UTF-8 when it declares none, or one Lens does not know). */
function decodeText(bytes: Uint8Array, contentType: string | null): string {
  const label = declaredEncoding(bytes, contentType);
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** What went wrong with a file, in words. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'there is no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
};

function fileError(path: string, error: unknown): LoadError {
  if (error instanceof LoadError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new LoadError(
    `Could not read ${path}: ${FILE_ERRORS[code] ?? (error instanceof Error ? error.message : code)}`,
  );
}

async function readText(path: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new LoadError(`Could not read ${path}: ${FILE_ERRORS.EISDIR}`);
    // A named pipe waits for a writer that may never come, and a device may never end: only files are read.
    if (!info.isFile())
      throw new LoadError(
        `Could not read ${path}: it is a named pipe, socket or device, not a file; save its content to a file and check that`,
      );
    if (info.size > MAX_BODY_BYTES) throw new LoadError(`${path} is ${TOO_LARGE}`);
    // Read through the same limit as responses: the file may grow while it is read.
    bytes = await readLimited(createReadStream(path), path);
  } catch (error) {
    throw fileError(path, error);
  }
  // A NUL byte in the first few kilobytes: an image, an archive, a PDF, not the text of a page or a summary.
  if (bytes.subarray(0, 8192).includes(0)) throw new LoadError(`${path} is not a text file`);
  return decodeText(bytes, null);
}

/** The body of an input, refused when it holds nothing to check. */
function nonEmpty(reference: string, body: string): string {
  if (body.trim() === '') throw new LoadError(`${reference} is empty`);
  return body;
}

function looksLikeHtml(text: string): boolean {
  return (
    /^\s*(?:<!doctype html|<html|<head|<body|<meta|<!--)/i.test(text) ||
    /<\/(?:p|div|article)>/i.test(text.slice(0, 5000))
  );
}

function documentOf(reference: string, html: string): Document {
  const doc = parseHTML(html).document as unknown as Document;
  // linkedom builds no document element from text without markup.
  if (doc.documentElement === null) throw new LoadError(`${reference} is not an HTML page`);
  return doc;
}

export async function loadArticle(reference: string, options: LoadOptions): Promise<CheckArticle> {
  const fromUrl = isUrl(reference);
  const body = nonEmpty(reference, fromUrl ? await fetchText(reference, options) : await readText(reference));
  const isHtml =
    fromUrl || ['.html', '.htm', '.xhtml'].includes(extname(reference).toLowerCase()) || looksLikeHtml(body);
  if (!isHtml) return { text: body, url: null, title: null, siteName: null };
  const doc = documentOf(reference, body);
  const main = extractMainText(doc);
  const { text, note } = withSecondOpinion(doc, main);
  if (text.trim() === '') throw new LoadError(`${reference}: no article text found on the page`);
  const metadata = extractMetadata(doc, fromUrl ? reference : 'https://unknown.invalid/');
  const url = fromUrl ? (metadata.canonicalUrl ?? reference) : (metadata.canonicalUrl ?? metadata.ogUrl);
  const notes: string[] = [];
  if (main.cut)
    notes.push(
      `The article page is larger than Lens reads (${MAX_PAGE_NODES.toLocaleString('en')} nodes): its text was taken from the first part of the page only, so facts further down count as missing.`,
    );
  if (note !== null) notes.push(note);
  return { text, url, title: metadata.title, siteName: fromUrl || url ? metadata.siteName : null, notes };
}

function canonicalOf(doc: Document): string | null {
  return (
    doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    doc.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
    null
  );
}

export async function loadSummary(reference: string, options: LoadOptions): Promise<CheckSummary> {
  const fromUrl = isUrl(reference);
  const body = nonEmpty(reference, fromUrl ? await fetchText(reference, options) : await readText(reference));
  const extension = fromUrl ? '.html' : extname(reference).toLowerCase();
  if (extension === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new LoadError(`${reference}: not valid JSON`);
    }
    if (typeof parsed === 'object' && parsed !== null && 'summary' in parsed && !('id' in parsed)) {
      const summary = (parsed as { summary: unknown }).summary;
      if (typeof summary !== 'string') throw new LoadError(`${reference}: "summary" must be text`);
      if (summary.trim() === '') throw new LoadError(`${reference}: the summary is empty`);
      return { summary, analystTake: [], headline: null, modelwireUrl: null, source: null, takedownUrl: null };
    }
    const coverage = validateCoverageContent(parsed);
    if (!coverage.ok) throw new LoadError(`${reference}: not a Modelwire coverage record (${coverage.error})`);
    return { ...coverage.value };
  }
  if (fromUrl || ['.html', '.htm'].includes(extension) || looksLikeHtml(body)) {
    const doc = documentOf(reference, body);
    const url = fromUrl ? reference : canonicalOf(doc);
    if (url === null)
      throw new LoadError(`${reference}: a saved Modelwire page needs its canonical link; pass the page's URL instead`);
    const parsed = parseModelwirePage(doc, url);
    if (!parsed.ok) throw new LoadError(`${reference}: ${parsed.error}`);
    return { ...parsed.coverage };
  }
  return { summary: body.trim(), analystTake: [], headline: null, modelwireUrl: null, source: null, takedownUrl: null };
}
