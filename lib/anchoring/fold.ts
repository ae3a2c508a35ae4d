// How Lens compares a passage with a page's text: case, quote style and dash style do not count.

const EQUIVALENT: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '„': '"',
  '–': '-',
  '—': '-',
};

/** One character as compared: lower case, curly and straight quotes alike, dashes alike. */
export function foldChar(char: string): string {
  return (EQUIVALENT[char] ?? char).toLowerCase();
}
