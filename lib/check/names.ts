// Other ways of writing a name: a summary that says "U.K." of an article that says "British", "Q2" of one that says
// "second quarter" or "AI-driven" of one that says "AI" names nothing the article does not.
import { phrase as wordsOf } from '../text/words';

/**
 * Countries and unions by their names, short forms and adjectives (the forms news writing uses for the same place).
 * General knowledge, written by hand; every form is compared as lower-case words, initials both with and without
 * their stops ("u k" is "U.K."). A form two places share ("Korea") is left out of both.
 */
const PLACES = [
  'united states|united states of america|u s|usa|u s a|america|american|americans',
  'united kingdom|uk|u k|britain|great britain|british|briton|britons',
  'england|english',
  'scotland|scottish|scots',
  'wales|welsh',
  'ireland|irish',
  'european union|eu|e u|european',
  'united nations|u n',
  'russia|russian|russians|russian federation',
  'ukraine|ukrainian|ukrainians',
  'china|chinese|prc',
  'japan|japanese',
  'south korea|south korean|south koreans',
  'north korea|north korean|dprk',
  'india|indian|indians',
  'pakistan|pakistani|pakistanis',
  'germany|german|germans',
  'france|french',
  'italy|italian|italians',
  'spain|spanish',
  'portugal|portuguese',
  'netherlands|dutch|holland',
  'belgium|belgian',
  'switzerland|swiss',
  'austria|austrian',
  'sweden|swedish|swede|swedes',
  'norway|norwegian',
  'denmark|danish|dane|danes',
  'finland|finnish|finn|finns',
  'poland|polish|pole|poles',
  'greece|greek|greeks',
  'turkey|turkish|turk|turks|türkiye',
  'israel|israeli|israelis',
  'iran|iranian|iranians',
  'iraq|iraqi|iraqis',
  'syria|syrian|syrians',
  'egypt|egyptian|egyptians',
  'saudi arabia|saudi|saudis',
  'afghanistan|afghan|afghans',
  'canada|canadian|canadians',
  'mexico|mexican|mexicans',
  'brazil|brazilian|brazilians',
  'argentina|argentine|argentinian|argentinians',
  'chile|chilean|chileans',
  'colombia|colombian|colombians',
  'venezuela|venezuelan|venezuelans',
  'peru|peruvian|peruvians',
  'cuba|cuban|cubans',
  'australia|australian|australians',
  'new zealand|new zealander|new zealanders|kiwi',
  'south africa|south african|south africans',
  'nigeria|nigerian|nigerians',
  'kenya|kenyan|kenyans',
  'ethiopia|ethiopian|ethiopians',
  'indonesia|indonesian|indonesians',
  'philippines|philippine|filipino|filipinos',
  'vietnam|vietnamese',
  'thailand|thai',
  'malaysia|malaysian|malaysians',
  'singapore|singaporean|singaporeans',
  'taiwan|taiwanese',
  'hong kong|hongkonger',
  'czech republic|czechia|czech',
  'hungary|hungarian|hungarians',
  'romania|romanian|romanians',
  'bulgaria|bulgarian|bulgarians',
  'serbia|serbian|serbians|serb|serbs',
  'croatia|croatian|croatians|croat|croats',
  'belarus|belarusian|belarusians',
  'georgia|georgian|georgians',
  'armenia|armenian|armenians',
  'lebanon|lebanese',
  'jordan|jordanian|jordanians',
  'palestine|palestinian|palestinians',
  'qatar|qatari|qataris',
  'united arab emirates|uae|u a e|emirati|emiratis',
  'yemen|yemeni|yemenis',
  'sudan|sudanese',
  'morocco|moroccan|moroccans',
  'algeria|algerian|algerians',
  'tunisia|tunisian|tunisians',
  'libya|libyan|libyans',
  'somalia|somali|somalis',
  'bangladesh|bangladeshi|bangladeshis',
  'sri lanka|sri lankan|sri lankans',
  'nepal|nepali|nepalese',
  'myanmar|burma|burmese',
  'mongolia|mongolian',
  'kazakhstan|kazakh',
];
const ORDINALS = ['first', 'second', 'third', 'fourth'];
const NUMBERED = ['1st', '2nd', '3rd', '4th'];
/** Initials that spell a word: the spaced form is looked for instead. */
const WORD_INITIALS = new Set(['us', 'un']);

let placeForms: Map<string, ReadonlyArray<string>> | null = null;
/** Every written form of a place → all the forms of that place. */
function placeFormsOf(form: string): ReadonlyArray<string> {
  if (placeForms === null) {
    placeForms = new Map();
    for (const group of PLACES) {
      const forms = group.split('|');
      for (const one of forms) placeForms.set(one, forms);
    }
  }
  return placeForms.get(form) ?? [];
}

/** "US", "UN": initials written without stops that spell a common word, which is not the name. */
export const spellsAWord = (written: string) =>
  /^\p{Lu}{2}$/u.test(written) && WORD_INITIALS.has(written.toLowerCase());

/**
 * The ways the source may write a name of the summary, the name itself first. Every variant is a lower-case phrase
 * to look for as whole words.
 */
export function nameVariants(written: string): string[] {
  const variants = new Set<string>();
  const add = (text: string) => {
    const phrase = wordsOf(text);
    if (phrase === '') return;
    if (!spellsAWord(text)) variants.add(phrase);
    // Initials with or without stops: "U.K." is "u k", "UK" is "uk".
    const parts = phrase.split(' ');
    // ("US" and "UN" are not looked for as "us" and "un": those are also words.)
    const initials = parts.join('');
    if (parts.length > 1 && parts.every((part) => part.length === 1) && !WORD_INITIALS.has(initials))
      variants.add(initials);
    if (parts.length === 1 && /^\p{Lu}{2,4}$/u.test(text)) variants.add([...phrase].join(' '));
    // A plural acronym ("NGOs") names the same thing as its singular.
    if (/^\p{Lu}{2,}s$/u.test(text)) variants.add(phrase.slice(0, -1));
  };
  add(written);
  // "AI-driven", "Russian-backed": the name is the capitalised part; the lower-case part describes it.
  const segments = written.split('-');
  if (segments.length > 1) {
    const named = segments.filter((segment) => /^\p{Lu}/u.test(segment));
    if (named.length > 0 && named.length < segments.length) add(named.join(' '));
  }
  // "Q2" is the second quarter, "H1" the first half, "FY" the fiscal year.
  const period = /^([QH])([1-4])$/i.exec(written);
  if (period) {
    const index = Number(period[2]) - 1;
    const noun = period[1]?.toUpperCase() === 'Q' ? 'quarter' : 'half';
    if (noun === 'quarter' || index < 2) {
      variants.add(`${ORDINALS[index]} ${noun}`);
      variants.add(`${NUMBERED[index]} ${noun}`);
    }
  }
  if (/^FY$/i.test(written)) for (const year of ['fiscal year', 'financial year']) variants.add(year);
  for (const variant of [...variants]) for (const form of placeFormsOf(variant)) variants.add(form);
  return [...variants];
}
