// Entity names as keys: "OpenAI's", "openai" and "OpenAI" are one entity.

/** The key an entity name is indexed under: Unicode-normalised, possessive dropped, lower-cased, spaces folded. */
export function entityKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .replace(/['’]s$/i, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Distinct keys of a list of names, in order, without empty ones. */
export function entityKeys(names: ReadonlyArray<string>): string[] {
  const keys: string[] = [];
  for (const name of names) {
    const key = entityKey(name);
    if (key !== '' && !keys.includes(key)) keys.push(key);
  }
  return keys;
}
