/** Letters and digits only, lower-cased: "The Guardian" and "theguardian.com" both begin "theguardian". */
export function lettersAndDigits(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
