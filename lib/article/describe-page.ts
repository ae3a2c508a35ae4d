// What the publisher content script reports about a page: detection plus citation metadata, nothing of its text.
import { detectArticle } from './detect';
import { extractMetadata, type ArticleMetadata } from './metadata';

export interface PageReport extends ArticleMetadata {
  isArticle: boolean;
  confidence: number;
  reasons: string[];
}

export function describePage(doc: Document, pageUrl: string): PageReport {
  const detection = detectArticle(doc, pageUrl);
  return { ...extractMetadata(doc, pageUrl), ...detection };
}
