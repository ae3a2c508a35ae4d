// What the publisher content script reports about a page: detection plus citation metadata, nothing of its text.
import { detectSteps, type DetectOptions } from './detect';
import { extractMetadata, type ArticleMetadata } from './metadata';
import { runNow, runYielding, type Steps } from './steps';

export interface PageReport extends ArticleMetadata {
  isArticle: boolean;
  confidence: number;
  reasons: string[];
}

function* describeSteps(doc: Document, pageUrl: string, options: DetectOptions = {}): Steps<PageReport> {
  const metadata = extractMetadata(doc, pageUrl);
  yield;
  // Detection weighs whether the page gives a date: the metadata just read says so.
  const detection = yield* detectSteps(doc, pageUrl, { ...options, publishedTime: metadata.publishedTime });
  return { ...metadata, ...detection };
}

export function describePage(doc: Document, pageUrl: string, options: DetectOptions = {}): PageReport {
  return runNow(describeSteps(doc, pageUrl, options));
}

/**
 * The same report, read in several tasks: on a huge page the browser stays responsive while Lens reads it (the
 * content script's way; see steps.ts). The page may change between steps; the next report reads it again.
 */
export function describePageInSteps(doc: Document, pageUrl: string): Promise<PageReport> {
  return runYielding(describeSteps(doc, pageUrl));
}
