// Which query parameters track a visit rather than select content. The list is tidy-url's (a maintained list of
// tracking parameters, global and per site, also used by Proton's clients), plus the few it lacks that publishers'
// links carry today; parameters that pick an article (`?p=`, `?id=`, `?story=`) are never dropped.
import tidyRules from 'tidy-url/data/rules.js';
import { memoByHost } from './memo';

interface SiteRule {
  match: RegExp;
  matchHref: boolean;
  remove: Set<string>;
  allow: Set<string>;
}

/**
 * Parameters missing from tidy-url's global list, each documented by the service that adds it: Google (srsltid,
 * gad_source, gad_campaignid, wbraid), TikTok (ttclid), AT Internet/Piano (xtor, at_*), Webtrekk (wt_mc), Guardian and BBC house
 * campaigns (INTCMP, ocid), Comscore (ns_*), feed readers (from=rss), share buttons (share, smid, sr_share).
 */
const EXTRA = [
  'srsltid',
  'gad_source',
  'gad_campaignid',
  'wbraid',
  'ttclid',
  'xtor',
  'wt_mc',
  'wt_zmc',
  'intcmp',
  'ocid',
  'cmp',
  'cmpid',
  'ito',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'source',
  'src',
  'from',
  'share',
  'sr_share',
  'smid',
  'smtyp',
  'taid',
  'guccounter',
  'igshid',
  'si',
  'feature',
  's_cid',
  'icid',
  'spm',
  'mkt_tok',
  '_ga',
  '_gl',
  'amp',
  '_amp',
  'usqp',
  'amp_js_v',
  'amp_gsa',
  'amp_r',
  'ampshare',
  '__twitter_impression',
  'rss',
];

/** Families of tracking parameters by prefix (utm_source, utm_medium, …). */
const PREFIXES = [
  'utm_',
  'itm_',
  'int_',
  'pk_',
  'mtm_',
  'piwik_',
  'hsa_',
  'mc_',
  'oly_',
  'vero_',
  '__hs',
  'ga_',
  'at_',
];
const PREFIXES_SHORT = ['ns_', 'guce_', 'fb_', 'elq', 'gad_', '_x_tr_'];

/** Query parameters whose value names the article (`?p=48213`, `?story=…`). */
export const ID_PARAMS: ReadonlySet<string> = new Set([
  'p',
  'id',
  'page_id',
  'story',
  'storyid',
  'story_id',
  'article',
  'articleid',
  'article_id',
  'aid',
  'sid',
  'postid',
  'post_id',
  'nid',
  'newsid',
  'news_id',
  'docid',
  'doc_id',
  'contentid',
  'content_id',
  'itemid',
  'item_id',
  'artid',
]);

/** Query parameters that choose the edition's language. */
export const LANGUAGE_PARAMS: ReadonlyArray<string> = ['lang', 'hl', 'language', 'locale', 'lng'];

/** Parameters that choose what the page shows: kept whatever a list says. */
export const CONTENT_PARAMS: ReadonlySet<string> = new Set([
  ...ID_PARAMS,
  ...LANGUAGE_PARAMS,
  'post',
  'edition',
  'page',
  'part',
  'v',
]);

/** Values that mark an AMP rendering of the same page (`?output=amp`, `?outputType=amp`). */
const AMP_VALUED = new Set(['output', 'outputtype', 'format', 'view']);

const GLOBAL = new Set<string>(EXTRA);
const SITE_RULES: SiteRule[] = [];

/** One rule of tidy-url's list, read once: its regular expression made stateless (some carry the `g` flag). */
export interface TidyRule {
  name: string;
  match: RegExp;
  matchHref: boolean;
  remove: string[];
  allow: string[];
  /** The parameter that carries the destination, for redirect links. */
  redirect: string | null;
}

export const TIDY_RULES: ReadonlyArray<TidyRule> = (
  tidyRules as Array<{
    name?: unknown;
    match?: unknown;
    match_href?: unknown;
    rules?: unknown;
    allow?: unknown;
    redirect?: unknown;
  }>
).flatMap((rule) => {
  if (!(rule.match instanceof RegExp)) return [];
  const names = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .filter((name): name is string => typeof name === 'string')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name !== '');
  return [
    {
      name: typeof rule.name === 'string' ? rule.name : '',
      match: new RegExp(rule.match.source, rule.match.flags.replace('g', '')),
      matchHref: rule.match_href === true,
      remove: names(rule.rules),
      allow: names(rule.allow),
      redirect: typeof rule.redirect === 'string' ? rule.redirect : null,
    },
  ];
});

for (const rule of TIDY_RULES) {
  if (rule.name === 'Global') {
    for (const name of rule.remove) GLOBAL.add(name);
  } else if (rule.remove.length > 0) {
    SITE_RULES.push({
      match: rule.match,
      matchHref: rule.matchHref,
      remove: new Set(rule.remove),
      allow: new Set(rule.allow),
    });
  }
}

const HOST_RULES = SITE_RULES.filter((rule) => !rule.matchHref);
const HREF_RULES = SITE_RULES.filter((rule) => rule.matchHref);
/** Host → the host rules that apply: each host tested against the list once. */
const hostRules = memoByHost((host) => HOST_RULES.filter((rule) => rule.match.test(host)));

/** The per-site rules that apply to one address (tested once per host, not once per parameter or URL). */
export function siteRulesFor(host: string, href: string): ReadonlyArray<SiteRule> {
  const forHost = hostRules(host);
  const forHref = HREF_RULES.filter((rule) => rule.match.test(href));
  return forHref.length === 0 ? forHost : [...forHost, ...forHref];
}

/** Whether a parameter tracks the visit (and so is not part of the article's address). */
export function isTrackingParam(name: string, value: string, rules: ReadonlyArray<SiteRule> = []): boolean {
  const lower = name.toLowerCase();
  if (CONTENT_PARAMS.has(lower)) return false;
  if (AMP_VALUED.has(lower)) return /^amp$/i.test(value);
  if (rules.some((rule) => rule.allow.has(lower))) return false;
  if (GLOBAL.has(lower) || rules.some((rule) => rule.remove.has(lower))) return true;
  return (
    PREFIXES.some((prefix) => lower.startsWith(prefix)) || PREFIXES_SHORT.some((prefix) => lower.startsWith(prefix))
  );
}
