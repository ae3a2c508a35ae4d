import { describe, expect, it } from 'vitest';
import { runCheck, reportToMarkdown, type CheckArticle, type CheckSummary } from '../../../lib/check/report';
import { extractFacts, numericValue } from '../../../lib/check/fidelity';
import { alignSupport } from '../../../lib/check/support';
import { countWords, sentences, stem } from '../../../lib/text/words';
import { sitePage } from '../fixtures';

const URL = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';
const doc = sitePage(URL);
const ARTICLE: CheckArticle = {
  text: Array.from(doc.querySelectorAll('article p:not(.byline)'))
    .map((p) => p.textContent ?? '')
    .join('\n\n'),
  url: URL,
  title: 'Regional hospitals pilot an AI triage assistant',
  siteName: 'The Lakeside Ledger',
};
const ATTRIBUTED = {
  headline: 'Hospitals pilot triage software',
  modelwireUrl: 'https://themodelwire.com/article/x-01KX3F8Q2M7V4N6R9T1W5Y8Z0A',
  source: { url: URL, domain: 'lakesideledger.com' },
  takedownUrl: 'https://themodelwire.com/takedown',
};
const summary = (text: string, extra: Partial<CheckSummary> = {}): CheckSummary => ({
  summary: text,
  analystTake: [],
  ...ATTRIBUTED,
  ...extra,
});
const check = (text: string, extra: Partial<CheckSummary> = {}) =>
  runCheck(ARTICLE, summary(text, extra), new Date('2026-11-24T00:00:00Z'));
/** An article known only by its text. */
const textOnly = (text: string): CheckArticle => ({ text, url: null, title: null, siteName: null });

const COPIED =
  'The tool, called Triage Assist and built by Kestrel Labs, reads the intake notes a nurse types at the front desk and proposes a score on the five-level scale the hospitals already use.';
const PARAPHRASE =
  'Harbor Health Network will trial Kestrel Labs software called Triage Assist that proposes an urgency score for walk-in patients from the notes nurses type at intake. A nurse has to confirm every score before the queue changes.';
const INVENTED =
  'The network expects the software to cut emergency waiting times in half by next spring, saving millions of dollars.';

describe('verbatim reuse', () => {
  it('finds a copied passage and its length, and a paraphrase shares almost nothing', () => {
    const copied = check(COPIED);
    expect(copied.verbatim.share).toBe(1);
    expect(copied.verbatim.passages[0]?.words).toBe(countWords(COPIED));
    expect(copied.verbatim.passages[0]?.text).toBe(COPIED.slice(0, -1));
    const paraphrase = check(PARAPHRASE);
    expect(paraphrase.verbatim.share).toBe(0);
    expect(paraphrase.verbatim.passages).toEqual([]);
  });

  it('points the passage at its place in the source', () => {
    const report = check(`Some words of our own first. ${COPIED}`);
    const passage = report.verbatim.passages[0];
    if (!passage) throw new Error('no passage');
    expect(ARTICLE.text.slice(passage.source.start, passage.source.end)).toBe(COPIED.slice(0, -1));
    expect(report.verbatim.share).toBeGreaterThan(0.6);
    expect(report.verbatim.share).toBeLessThan(1);
  });
});

describe('support', () => {
  it('supports a close paraphrase and flags an invented claim', () => {
    const report = check(`${PARAPHRASE} ${INVENTED}`);
    const [first, second, third] = report.support.sentences;
    expect(first?.level).toBe('supported');
    expect(second?.level).not.toBe('weakly supported');
    expect(second?.passage?.text).toContain('until a nurse confirms the score');
    expect(third?.level).toBe('weakly supported');
    expect(third?.score).toBeLessThan(0.5);
    expect(third?.unmatched).toEqual(expect.arrayContaining(['half', 'spring']));
    expect(report.support.weak).toBe(1);
  });

  it('rests a sentence that sums up many short turns of a dialogue on all of them', () => {
    const dialogue = [
      'Peggy: The regional congress is in Gdansk next month.',
      'Peggy: Please confirm by Friday.',
      'Tim: Fine.',
      'Peggy: We also need a driver for the parents.',
      'Tim: Not me.',
      'Jada: Busy that weekend.',
      'Raphael: Okay, I can drive.',
    ].join(' ');
    const summarised =
      'Peggy wants confirmation for the Gdansk congress by Friday and a driver; Raphael agrees to drive.';
    const [only] = alignSupport(summarised, dialogue).sentences;
    expect(only?.passage?.text).toBe(dialogue);
    expect(only?.score).toBeGreaterThanOrEqual(0.5);
    // However short the sentences, a passage spans at most 40 of them.
    const numbers = Array.from({ length: 90 }, (_, index) => index + 10);
    const lines = numbers.map((number) => `Line ${number} here.`).join(' ');
    const [long] = alignSupport(`Lines ${numbers.join(' ')} all say something.`, lines).sentences;
    expect(sentences(long?.passage?.text ?? '').length).toBe(40);
    // A news sentence is still compared with a passage of one to three sentences.
    const [news] = alignSupport('Harbor Health Network will trial the software.', ARTICLE.text).sentences;
    expect(sentences(news?.passage?.text ?? '').length).toBeLessThanOrEqual(3);
  });
});

describe('fidelity', () => {
  it('flags a number the source does not have and accepts one it has, in words or digits', () => {
    const report = check('The pilot runs for nine months at 3 hospitals, which see about 140,000 visits a year.');
    const numbers = report.fidelity.summary.filter((fact) => fact.kind === 'number');
    expect(numbers.map((fact) => [fact.text, fact.found])).toEqual([
      ['nine', false],
      ['3', true],
      ['140,000', true],
    ]);
    expect(report.fidelity.unsupported).toBe(1);
  });

  it('flags an entity the source never mentions and accepts the ones it names', () => {
    const report = check('Harbor Health Network and Kestrel Labs are joined by Orbital Compute in the trial.');
    const entities = report.fidelity.summary.filter((fact) => fact.kind === 'entity');
    expect(entities.map((fact) => [fact.text, fact.found])).toEqual([
      ['Harbor Health Network', true],
      ['Kestrel Labs', true],
      ['Orbital Compute', false],
    ]);
    expect(entities[2]?.note).toBe('the source never names it');
  });

  it('finds a name the source writes another way, and still flags one it does not name at all', () => {
    const article = textOnly(
      'British activists poured paint outside the embassy. Second quarter revenue rose at the NGO, whose ' +
        'AI tools were praised by officials in the U.S. and by the European Commission.',
    );
    const report = runCheck(
      article,
      summary(
        'U.K. activists poured paint. Q2 revenue rose at the NGOs, whose AI-driven tools US and EU officials praised. ' +
          'French officials and Q3 were not mentioned.',
      ),
    );
    const names = report.fidelity.summary.filter((fact) => fact.kind === 'entity');
    expect(names.map((fact) => [fact.text, fact.found, fact.note])).toEqual([
      ['U.K', true, 'named in the source as “british”'],
      ['Q2', true, 'named in the source as “second quarter”'],
      ['NGOs', true, 'named in the source as “ngo”'],
      ['AI-driven', true, 'named in the source as “ai”'],
      ['US', true, 'named in the source as “u s”'],
      ['EU', true, 'named in the source as “european”'],
      ['French', false, 'the source never names it'],
      ['Q3', false, 'the source never names it'],
    ]);
  });

  it('tells places apart that share a word, and finds initials the source writes with stops', () => {
    const article = textOnly('Talks with North Korea stalled, the U.K. envoy said.');
    const report = runCheck(article, summary('Britain said talks with South Korea stalled.'));
    expect(report.fidelity.summary.map((fact) => [fact.text, fact.found])).toEqual([
      ['Britain', true],
      ['South Korea', false],
    ]);
  });

  it('does not find "US" in the word "us"', () => {
    const article = textOnly('Tell us what you think.');
    const report = runCheck(article, summary('The US ambassador wants to hear from readers.'));
    expect(report.fidelity.summary.map((fact) => [fact.text, fact.found])).toEqual([['US', false]]);
  });

  it('catches a quotation altered by one word and shows the original', () => {
    const report = check(
      '“The software makes a recommendation and a person makes the call,” the chief nursing officer said.',
    );
    const [quotation] = report.fidelity.summary.filter((fact) => fact.kind === 'quotation');
    expect(quotation).toMatchObject({ found: false, note: 'altered: differs from the source by one word' });
    expect(quotation?.closest).toBe('the software makes a suggestion and a person makes the call');
    const exact = check('“The software makes a suggestion and a person makes the call,” she said.');
    expect(exact.fidelity.summary.find((fact) => fact.kind === 'quotation')?.found).toBe(true);
  });

  it('compares money and dates by value', () => {
    const article = textOnly('The kit costs $349 and ships on November 21, 2026. Revenue was $4.2 million.');
    const report = runCheck(
      article,
      summary('It sells for 349 dollars from 21 November, with revenue of $4.2m and a $500 upgrade.'),
    );
    expect(report.fidelity.summary.map((fact) => [fact.kind, fact.text, fact.found])).toEqual([
      ['money', '349 dollars', true],
      ['date', '21 November', true],
      ['money', '$4.2m', true],
      ['money', '$500', false],
    ]);
  });
});

describe('attribution', () => {
  it('is all yes for a properly attributed summary', () => {
    const { attribution } = check(PARAPHRASE);
    expect([
      attribution.sourceLinked.status,
      attribution.publisherNamed.status,
      attribution.takedownPage.status,
    ]).toEqual(['yes', 'yes', 'yes']);
  });

  it('flags a missing source link, publisher and takedown page', () => {
    const { attribution } = check(PARAPHRASE, { source: { url: null, domain: null }, takedownUrl: null });
    expect([
      attribution.sourceLinked.status,
      attribution.publisherNamed.status,
      attribution.takedownPage.status,
    ]).toEqual(['no', 'no', 'no']);
  });

  it('flags a link to another article', () => {
    const { attribution } = check(PARAPHRASE, {
      source: { url: 'https://www.lakesideledger.com/other-story/', domain: 'lakesideledger.com' },
    });
    expect(attribution.sourceLinked).toEqual({
      status: 'no',
      detail: 'it links https://www.lakesideledger.com/other-story/, not this article',
    });
  });

  it('does not apply to a pasted summary', () => {
    const pasted = runCheck(ARTICLE, {
      summary: PARAPHRASE,
      analystTake: [],
      headline: null,
      modelwireUrl: null,
      source: null,
      takedownUrl: null,
    });
    expect(pasted.attribution.sourceLinked.status).toBe('not applicable');
  });
});

describe('the report', () => {
  it('measures length and compression', () => {
    const report = check(PARAPHRASE);
    expect(report.length.summaryWords).toBe(38);
    expect(report.length.articleWords).toBe(report.article.words);
    expect(report.length.compression).toBeCloseTo(report.article.words / 38, 1);
  });

  it('renders as Markdown with every section', () => {
    const markdown = reportToMarkdown(
      check(`${COPIED} ${INVENTED}`, { analystTake: ['Watch whether Orbital Compute joins.'] }),
    );
    for (const heading of [
      '# Summarisation check: Regional hospitals pilot an AI triage assistant',
      '## Verbatim reuse',
      '## Support',
      '## Facts the article does not contain',
      '## Attribution',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain(`- ${countWords(COPIED)} words (summary)`);
    expect(markdown).toContain(
      'entity “Orbital Compute”: the source never names it (analyst take: analysis may go beyond the article)',
    );
  });

  it('copes with empty texts', () => {
    const report = runCheck(textOnly(''), summary(''));
    expect(report.verbatim.share).toBe(0);
    expect(report.support.sentences).toEqual([]);
    expect(report.length.compression).toBeNull();
  });
});

describe('text helpers', () => {
  it('splits sentences but not at abbreviations', () => {
    expect(sentences('Dr. Okafor said so. The U.S. pilot ends in May. Really?').map((s) => s.text)).toEqual([
      'Dr. Okafor said so.',
      'The U.S. pilot ends in May.',
      'Really?',
    ]);
  });

  it('stems plurals and verb forms together', () => {
    expect(new Set(['delays', 'delayed', 'delaying', 'delay'].map(stem)).size).toBe(1);
    expect(stem('hospitals')).toBe(stem('hospital'));
  });

  it('reads number values', () => {
    expect(['six', '1,000', '4.2 million', '$4.2m', '20%', 'two hundred'].map(numericValue)).toEqual([
      6, 1000, 4_200_000, 4_200_000, 20, 200,
    ]);
  });

  it('splits names at possessives and tells a capitalised common word from a name', () => {
    const report = check("Kestrel Labs' Triage Assist is in trial. Hospital pilots are common. Meta is not involved.");
    expect(report.fidelity.summary.map((fact) => [fact.text, fact.found])).toEqual([
      ['Kestrel Labs', true],
      ['Triage Assist', true],
      ['Hospital', true],
      ['Meta', false],
    ]);
  });

  it('does not take sentence-initial words for names', () => {
    expect(
      extractFacts(
        'The pilot starts. Watch whether it works. Putting a planner on a board is new. Despite that, it ran. ' +
          'Nonetheless, they waited. Furthermore, it rained.',
      ).filter((fact) => fact.kind === 'entity'),
    ).toEqual([]);
  });
});
