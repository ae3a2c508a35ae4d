// Boxes of interface on an article's page, found by what they are rather than by a site's class names. A consent
// notice ("We use cookies… Accept all"): a control labelled to accept or refuse, inside a small box whose text speaks
// of cookies, consent or privacy; both are needed (an article about cookies has no "Accept all" beside its
// paragraphs, and a sign-up box's "OK" says nothing of consent). A sign-up box: a field to type an address in, with
// a line or two around it. A subscription wall ("You have reached your limit of free articles… Subscribe"): a control
// that calls to subscribe or sign in, standing on its own, inside a small box whose text says why the story stops
// there (again both: a story about subscriptions has no such control beside it). A news item of a few paragraphs is
// shorter than many such boxes.
import { attr, byTag, closestOf, firstByTag, itemsOf, parentOf, queryAll, tagOf, textOf } from '../dom/safe';

/** Labels of a consent notice's controls, in the languages Lens's word lists cover and a few more. */
const CONSENT_CONTROL = new RegExp(
  '^(?:' +
    [
      '(?:i |we )?(?:accept|agree|consent|allow)(?: all)?(?: cookies)?(?: (?:and|&) (?:close|continue))?',
      'ok(?:ay)?',
      'got it',
      'i understand',
      'understood',
      '(?:reject|decline|refuse|deny)(?: all)?(?: cookies)?',
      '(?:manage|customi[sz]e|more) (?:options|settings|preferences|choices|cookies)',
      'cookie (?:settings|preferences|policy)',
      '(?:alle )?(?:akzeptieren|ablehnen)|zustimmen|einverstanden',
      "(?:tout )?(?:accepter|refuser)|j'accepte",
      '(?:aceptar|rechazar)(?: todo| todas)?|acepto',
      '(?:accetta|rifiuta)(?: tutti)?|accetto',
      'aceitar(?: todos)?|concordo',
      '(?:alles )?accepteren|akkoord',
      '同意(?:する)?|接受|我同意|知道了',
    ].join('|') +
    ')[.!]?$',
  'i',
);

/** What a consent notice speaks of. */
const CONSENT_TEXT =
  /cookie|consent|gdpr|privacy|personal data|datenschutz|einwilligung|confidentialité|consentement|privacidad|consentimiento|riservatezza|consenso|privacidade|クッキー|個人情報|隐私|缓存/i;

/** Labels of a subscription wall's controls: a call to subscribe, sign in or take a trial. */
const WALL_CONTROL = new RegExp(
  '^(?:' +
    [
      '(?:subscribe|sign in|sign up|log ?in|register|join)(?: (?:now|today|here|for free))?',
      '(?:start|try|begin) (?:your |a )?(?:free )?(?:trial|subscription)(?: now| today)?',
      '(?:get|unlock) (?:full |unlimited |instant )?access(?: now| today)?',
      '(?:see|view|explore|compare|choose) (?:a |your |all )?(?:our )?(?:subscription |membership |digital )?(?:offers?|plans?|options|deals)',
      'become a (?:member|subscriber|supporter)',
      '(?:jetzt )?(?:abonnieren|anmelden|einloggen|registrieren)|(?:zum )?abo(?: abschließen)?',
      "(?:je m'abonne|s'abonner|se connecter|connexion)",
      '(?:suscr[ií]bete|suscribirse|iniciar sesi[oó]n|reg[ií]strate)',
      '(?:abbonati|accedi|registrati)',
      '(?:assine|assinar|entrar)(?: já| agora)?',
      '(?:abonneer|inloggen)',
      '購読(?:する)?|ログイン|会員登録|订阅|登录|注册',
    ].join('|') +
    ')[.!]?$',
  'i',
);

/** What a subscription wall says: that the rest is for subscribers, or that the free articles have run out. */
const WALL_TEXT =
  /(?:continue|keep) reading|free (?:articles?|stories|reads)|article limit|unlimited (?:digital )?access|(?:subscribers?|members?)[- ]only|(?:for|to) (?:paid |paying |digital |premium )?(?:subscribers|members)|already (?:a )?(?:subscriber|member)|premium (?:article|content|story)|weiterlesen|abonnenten|réservé aux abonnés|déjà abonné|para (?:suscriptores|abonados)|riservato agli abbonati|exclusivo para assinantes|会員限定|有料会員|订阅用户|付费/i;

/**
 * A price by the week, month or year ("€5 a month", "$1/week", "99p a week", "1 € pro Monat"): what an offer to
 * subscribe says, on its control or beside it. A price alone ("$15") may be the story's.
 */
const OFFER = new RegExp(
  '(?:[$€£¥₹]\\s?\\d+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?\\s?(?:€|£|\\$|euros?|dollars?|pounds?|kr|chf|p))' +
    '\\s?(?:a|an|per|/|each|every|pro|par|al|por|ao) ?' +
    '(?:month|week|year|mo|wk|yr|monat|woche|jahr|mois|semaine|an|mes|semana|año|mese|settimana|anno|mês|ano)\\b',
  'i',
);
/** What a wall says, in its text or on its control. */
const WALL_SAYS = new RegExp(`${WALL_TEXT.source}|${OFFER.source}`, 'i');

/** A notice is a few sentences: a box holding more text than this holds the page, not a notice. */
const MAX_NOTICE_CHARS = 2500;
/** A sign-up box is a heading, a line or two and its field: a box with more text around a field holds more than it. */
const MAX_BOX_CHARS = 300;
/** A wall is a heading, a sentence or two and its controls (a list of plans at most). */
const MAX_WALL_CHARS = 1200;
/** How far up from a control its notice may start. */
const MAX_LEVELS = 5;
/** Controls read at most, so a page of many links cannot hold the thread. */
const MAX_CONTROLS = 3000;

const NEVER_A_NOTICE = new Set(['BODY', 'HTML', 'MAIN', 'ARTICLE']);

function labelOf(control: Element, tag: string): string {
  const label = tag === 'INPUT' ? (attr(control, 'value') ?? '') : textOf(control);
  return label.replace(/\s+/g, ' ').trim();
}

/** A wall says why in a sentence or two: a box with more paragraphs than these holds the story the wall stops. */
const MAX_WALL_PARAGRAPHS = 2;

function longParagraphs(box: Element): number {
  let count = 0;
  for (const paragraph of itemsOf(byTag(box, 'p'))) if (textOf(paragraph).length > 80) count++;
  return count;
}

/** The smallest box around a control whose text says what the box is (`says`), or null. */
function boxAround(
  control: Element,
  aboveHeadline: ReadonlySet<Element>,
  says: RegExp,
  maxChars: number,
  maxParagraphs = Infinity,
): Element | null {
  let box = parentOf(control);
  for (let level = 0; box !== null && level < MAX_LEVELS; level++, box = parentOf(box)) {
    if (NEVER_A_NOTICE.has(tagOf(box).toUpperCase()) || aboveHeadline.has(box)) return null;
    const text = textOf(box);
    if (text.length > maxChars || (maxParagraphs < Infinity && longParagraphs(box) > maxParagraphs)) return null;
    if (says.test(text)) return box;
  }
  return null;
}

/** A link inside running text ("…you can <a>subscribe</a> to the print edition…") is the story's, not a wall's. */
function inRunningText(control: Element, label: string): boolean {
  const paragraph = closestOf(control, 'p');
  return paragraph !== null && textOf(paragraph).length > label.length + 60;
}

/** A sign-up box: the largest box around a field to type in (an address, a name) that holds no more than a few lines. */
function signUpAround(field: Element, aboveHeadline: ReadonlySet<Element>): Element | null {
  let found: Element | null = null;
  let box = parentOf(field);
  for (let level = 0; box !== null && level < MAX_LEVELS; level++, box = parentOf(box)) {
    if (NEVER_A_NOTICE.has(tagOf(box).toUpperCase()) || aboveHeadline.has(box) || textOf(box).length > MAX_BOX_CHARS)
      break;
    found = box;
  }
  return found;
}

/** The page's consent notices, sign-up boxes and subscription walls: boxes that Lens never reads as article text. */
export function interfaceBoxes(doc: Document): Set<Element> {
  const notices = new Set<Element>();
  // A box that holds the page's headline is the page, not a notice on it.
  const aboveHeadline = new Set<Element>();
  for (let at = firstByTag(doc, 'h1'); at !== null; at = parentOf(at)) aboveHeadline.add(at);
  const controls = [
    ...itemsOf(byTag(doc, 'button'), MAX_CONTROLS),
    ...itemsOf(byTag(doc, 'a'), MAX_CONTROLS),
    ...itemsOf(byTag(doc, 'input'), MAX_CONTROLS),
    ...queryAll(doc, '[role="button"]').slice(0, MAX_CONTROLS),
  ];
  for (const control of controls) {
    const tag = tagOf(control).toUpperCase();
    if (tag === 'INPUT' && /^(?:email|text|tel|)$/i.test(attr(control, 'type') ?? '')) {
      const box = signUpAround(control, aboveHeadline);
      if (box !== null) notices.add(box);
    }
    const label = labelOf(control, tag);
    if (label.length === 0 || label.length > 40) continue;
    const found =
      (WALL_CONTROL.test(label) || OFFER.test(label)) && !inRunningText(control, label)
        ? boxAround(control, aboveHeadline, WALL_SAYS, MAX_WALL_CHARS, MAX_WALL_PARAGRAPHS)
        : // A link to another page is navigation ("Privacy policy"); a notice's links go nowhere ("#", a script).
          CONSENT_CONTROL.test(label) && (tag !== 'A' || /^(?:#|javascript:|$)/i.test(attr(control, 'href') ?? ''))
          ? boxAround(control, aboveHeadline, CONSENT_TEXT, MAX_NOTICE_CHARS)
          : null;
    if (found !== null) notices.add(found);
  }
  return notices;
}
