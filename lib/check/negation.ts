// Words that negate the clause they stand in, for the verdict's negation check (lib/check/verdict.ts).
const NEGATIONS = new Set(
  (
    'not no never none nobody nothing neither nor nowhere cannot without ' +
    'lack lacks lacked fail fails failed refuse refused refuses deny denied denies'
  ).split(' '),
);

/** Whether a lower-cased word negates: one of the list, or a contraction ending in n't ("didn't", "won't"). */
export function isNegation(word: string): boolean {
  return NEGATIONS.has(word) || /n't$/.test(word);
}
