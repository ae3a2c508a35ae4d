// The summarisation check: one function from an article's text and Modelwire's summary to a report, and the report's
// Markdown and JSON forms. The same code runs in the extension and in the CLI.
import { markdownInline, markdownLink, stripControlsDeep } from '../text/export-escape';
import { normalizeUrl } from '../match/url';
import { checkFidelity, indexSource, type FactCheck } from './fidelity';
import { verbatimReuse, type ReuseResult, type SharedPassage } from './overlap';
import { alignSupport, type SupportResult } from './support';
import { decideVerdict, type Verdict } from './verdict';
import { countWords, normalizeText, words } from '../text/words';

export const REPORT_VERSION = 1;

export interface CheckArticle {
  text: string;
  url: string | null;
  title: string | null;
  siteName: string | null;
  /** What the reader of the report must know about the text, e.g. that the page was read only in part. */
  notes?: string[];
}

/** What Modelwire published about the article; a hand-pasted summary has only `summary`. */
export interface CheckSummary {
  summary: string;
  analystTake: string[];
  headline: string | null;
  modelwireUrl: string | null;
  source: { url: string | null; domain: string | null } | null;
  takedownUrl: string | null;
}

export type AttributionStatus = 'yes' | 'no' | 'not applicable';

export interface AttributionCheck {
  status: AttributionStatus;
  detail: string;
}

/** A shared passage, with the part of Modelwire's text it is in and its words as they stand there. */
export type ReportPassage = SharedPassage & { part: 'summary' | 'analystTake'; text: string };

export interface CheckReport {
  version: typeof REPORT_VERSION;
  generatedAt: string;
  article: { url: string | null; title: string | null; siteName: string | null; words: number };
  /** The answer first: does the summary say anything the article does not, and the evidence. */
  verdict: Verdict;
  /** Limits of this check's input (a page read only in part): said first, since they qualify every figure. */
  notes: string[];
  summary: { headline: string | null; modelwireUrl: string | null; text: string; analystTake: string; words: number };
  verbatim: Omit<ReuseResult, 'passages'> & { passages: ReportPassage[] };
  verbatimTake: ReuseResult;
  support: SupportResult;
  fidelity: { summary: FactCheck[]; analystTake: FactCheck[]; unsupported: number };
  attribution: { sourceLinked: AttributionCheck; publisherNamed: AttributionCheck; takedownPage: AttributionCheck };
  length: { summaryWords: number; analystTakeWords: number; articleWords: number; compression: number | null };
}

function attribution(article: CheckArticle, summary: CheckSummary): CheckReport['attribution'] {
  if (summary.source === null && summary.takedownUrl === null && summary.modelwireUrl === null) {
    const na: AttributionCheck = {
      status: 'not applicable',
      detail: 'a pasted summary carries no attribution to check',
    };
    return { sourceLinked: na, publisherNamed: na, takedownPage: na };
  }
  const sourceUrl = summary.source?.url ?? null;
  const sourceLinked: AttributionCheck =
    sourceUrl === null
      ? { status: 'no', detail: 'Modelwire’s page does not link the original article' }
      : article.url !== null && normalizeUrl(sourceUrl) !== normalizeUrl(article.url)
        ? { status: 'no', detail: `it links ${sourceUrl}, not this article` }
        : { status: 'yes', detail: `links ${sourceUrl}` };
  const domain = summary.source?.domain ?? null;
  const text = `${summary.summary} ${summary.analystTake.join(' ')}`.toLowerCase();
  const siteNamed = article.siteName !== null && text.includes(article.siteName.toLowerCase());
  const publisherNamed: AttributionCheck = siteNamed
    ? { status: 'yes', detail: `the summary names ${article.siteName}` }
    : domain !== null
      ? { status: 'yes', detail: `the page says the full content lives on ${domain}` }
      : { status: 'no', detail: 'neither the summary nor the page names the publisher' };
  const takedownPage: AttributionCheck = summary.takedownUrl
    ? { status: 'yes', detail: `takedown page: ${summary.takedownUrl}` }
    : { status: 'no', detail: 'no link to a takedown page' };
  return { sourceLinked, publisherNamed, takedownPage };
}

export function runCheck(article: CheckArticle, summary: CheckSummary, now: Date = new Date()): CheckReport {
  const articleText = normalizeText(article.text);
  const summaryText = normalizeText(summary.summary);
  const takeText = normalizeText(summary.analystTake.join('\n\n'));
  const sourceWords = words(articleText);
  const summaryReuse = verbatimReuse(words(summaryText), sourceWords);
  const takeReuse = verbatimReuse(words(takeText), sourceWords);
  const passages = [
    ...summaryReuse.passages.map((passage) => ({
      ...passage,
      part: 'summary' as const,
      text: summaryText.slice(passage.summary.start, passage.summary.end),
    })),
    ...takeReuse.passages.map((passage) => ({
      ...passage,
      part: 'analystTake' as const,
      text: takeText.slice(passage.summary.start, passage.summary.end),
    })),
  ].sort((a, b) => b.words - a.words);
  const index = indexSource(articleText);
  const summaryFacts = checkFidelity(summaryText, index);
  const summaryWords = countWords(summaryText);
  const articleWords = sourceWords.length;
  const support = alignSupport(summaryText, articleText);
  return {
    version: REPORT_VERSION,
    generatedAt: now.toISOString(),
    article: { url: article.url, title: article.title, siteName: article.siteName, words: articleWords },
    verdict: decideVerdict(summaryFacts, support),
    notes: article.notes ?? [],
    summary: {
      headline: summary.headline,
      modelwireUrl: summary.modelwireUrl,
      text: summaryText,
      analystTake: takeText,
      words: summaryWords,
    },
    verbatim: { ...summaryReuse, passages },
    verbatimTake: takeReuse,
    support,
    fidelity: {
      summary: summaryFacts,
      analystTake: checkFidelity(takeText, index),
      unsupported: summaryFacts.filter((fact) => !fact.found).length,
    },
    attribution: attribution(article, summary),
    length: {
      summaryWords,
      analystTakeWords: countWords(takeText),
      articleWords,
      compression: summaryWords === 0 ? null : Math.round((articleWords / summaryWords) * 10) / 10,
    },
  };
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;
const quote = (text: string) => `“${markdownInline(text)}”`;

/** The report as Markdown, for publishers to keep or paste into a takedown request. */
export function reportToMarkdown(report: CheckReport): string {
  const lines: string[] = [];
  const title = report.article.title ?? report.article.url ?? 'the article';
  lines.push(`# Summarisation check: ${markdownInline(title)}`, '');
  if (report.article.url) lines.push(`- Article: ${markdownLink(report.article.url, report.article.url)}`);
  if (report.summary.modelwireUrl)
    lines.push(`- Modelwire summary: ${markdownLink(report.summary.modelwireUrl, report.summary.modelwireUrl)}`);
  lines.push(`- Checked: ${report.generatedAt} with Modelwire Lens (report format ${report.version})`, '');
  for (const note of report.notes) lines.push(`> **Note:** ${markdownInline(note)}`, '');
  lines.push('## Verdict', '');
  const { verdict } = report;
  const signs = verdict.reasons.length === 1 ? 'one sign' : `${verdict.reasons.length} signs`;
  lines.push(
    verdict.label === 'inconsistent'
      ? `**Inconsistent** (score ${verdict.score}): ${signs} that the summary says what the article does not.`
      : verdict.reasons.length === 0
        ? `**Consistent** (score ${verdict.score}): nothing in the summary was found to contradict or go beyond the article.`
        : `**Consistent** (score ${verdict.score}): ${signs} below, too weak${verdict.reasons.length === 1 ? '' : ' together'} to call the summary inconsistent.`,
    '',
  );
  for (const reason of verdict.reasons) {
    lines.push(
      `- ${reason.kind}: ${markdownInline(reason.detail)}. In the summary: ${quote(reason.sentence)}` +
        (reason.passage === null
          ? '; no passage of the article shares its words.'
          : `; compared with: ${quote(reason.passage)}`),
    );
  }
  if (verdict.reasons.length > 0) lines.push('');
  lines.push('## Length', '');
  lines.push(
    `The summary has ${report.length.summaryWords} words and the analyst take ${report.length.analystTakeWords}; the article has ${report.length.articleWords}` +
      (report.length.compression === null ? '.' : ` (the summary is 1/${report.length.compression} of its length).`),
    '',
  );
  lines.push('## Verbatim reuse', '');
  lines.push(
    `${percent(report.verbatim.share)} of the summary's 8-word sequences appear word for word in the article ` +
      `(${report.verbatim.sharedShingles} of ${report.verbatim.totalShingles}); analyst take: ${percent(report.verbatimTake.share)}.`,
    '',
  );
  if (report.verbatim.passages.length === 0) lines.push('No passage of six words or more is shared.', '');
  for (const passage of report.verbatim.passages.slice(0, 10)) {
    lines.push(
      `- ${passage.words} words (${passage.part === 'summary' ? 'summary' : 'analyst take'}): ${quote(passage.text)}`,
    );
  }
  if (report.verbatim.passages.length > 0) lines.push('');
  lines.push('## Support', '');
  lines.push(
    `Mean support ${report.support.mean.toFixed(2)}; ${report.support.weak} of ${report.support.sentences.length} sentences weakly supported.`,
    '',
  );
  for (const sentence of report.support.sentences) {
    lines.push(`- **${sentence.level}** (${sentence.score.toFixed(2)}): ${quote(sentence.sentence.text)}`);
    if (sentence.passage) lines.push(`  - best passage: ${quote(sentence.passage.text)}`);
    if (sentence.level !== 'supported' && sentence.unmatched.length > 0) {
      lines.push(`  - not in that passage: ${markdownInline(sentence.unmatched.slice(0, 8).join(', '))}`);
    }
  }
  lines.push('', '## Facts the article does not contain', '');
  const missing = [
    ...report.fidelity.summary,
    ...report.fidelity.analystTake.map((fact) => ({ ...fact, inTake: true })),
  ].filter((fact) => !fact.found);
  if (missing.length === 0) lines.push('Every number, date, name and quotation in the summary is in the article.');
  for (const fact of missing) {
    const where = 'inTake' in fact ? ' (analyst take: analysis may go beyond the article)' : '';
    lines.push(
      `- ${fact.kind} ${quote(fact.text)}: ${markdownInline(fact.note)}${fact.closest ? ` — closest: ${quote(fact.closest)}` : ''}${where}`,
    );
  }
  lines.push('', '## Attribution', '');
  const { sourceLinked, publisherNamed, takedownPage } = report.attribution;
  lines.push(`- Source linked: ${sourceLinked.status} (${markdownInline(sourceLinked.detail)})`);
  lines.push(`- Publisher named: ${publisherNamed.status} (${markdownInline(publisherNamed.detail)})`);
  lines.push(`- Takedown page: ${takedownPage.status} (${markdownInline(takedownPage.detail)})`, '');
  lines.push(
    'How the scores are computed, and their limits: see "Summarisation check" in the Modelwire Lens README.',
    '',
  );
  return lines.join('\n');
}

/** The source's side of each shared passage, as text, for highlighting in the page. */
export function reusedSourcePassages(report: CheckReport, articleText: string): string[] {
  const text = normalizeText(articleText);
  return report.verbatim.passages.map((passage) => text.slice(passage.source.start, passage.source.end));
}

/** The report as JSON, for archiving and for tools. */
export function reportToJson(report: CheckReport): string {
  return `${JSON.stringify(stripControlsDeep(report), null, 2)}\n`;
}
