// Page text and addresses written into files that other programs read (Markdown, BibTeX, JSON): every value is
// written so that it stays the one value it is. A page controls its title, byline and canonical address; none of them
// may end a link, open another, close a BibTeX field, or smuggle characters that make a parser drop the entry.

/**
 * C0 and C1 control characters (tab and line feed kept), and the bidirectional overrides and isolates that can make
 * text display in another order than it is stored. None belongs in a citation or a report.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

/** Every string inside a JSON-able value, without control characters (keys included). */
export function stripControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return stripControls(value) as T;
  if (Array.isArray(value)) return value.map((item) => stripControlsDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[stripControls(key)] = stripControlsDeep(item);
    return out as T;
  }
  return value;
}

/**
 * An address with every character that is not plainly part of a URL percent-encoded: brackets and parentheses
 * (which end Markdown links), braces and backslashes (which end BibTeX values), quotes, angle brackets, spaces and
 * anything outside ASCII. A `%` that does not start an escape is encoded too. The address means the same to a server.
 */
export function safeUrl(url: string): string {
  return stripControls(url).replace(/%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#@$&*+,;=%]/gu, (char) =>
    /^[!'()]$/.test(char) ? `%${char.charCodeAt(0).toString(16).toUpperCase()}` : encodeURIComponent(char),
  );
}

/**
 * Markdown's punctuation that can start markup anywhere in a line: emphasis, code, links and images (a link needs
 * `[`, so parentheses may stay), raw HTML and autolinks, entities, table cells, strikethrough.
 */
const MARKDOWN_INLINE = /[\\`*_[\]<>|~&]/g;
/** What starts a block when it begins a line: headings, lists, quotes, rules, setext underlines. */
const MARKDOWN_LINE_START = /^(\s*)([-+=>#:]|\d+[.)])/;

/** Text that renders as exactly itself in CommonMark and GitHub-flavoured Markdown, on one line. */
export function markdownInline(text: string): string {
  return markdownLines(text.replace(/\s+/g, ' ').trim());
}

/** As `markdownInline`, keeping line breaks (each line escaped on its own). */
export function markdownLines(text: string): string {
  return stripControls(text)
    .split('\n')
    .map((line) =>
      line
        .replace(MARKDOWN_INLINE, (char) => `\\${char}`)
        .replace(MARKDOWN_LINE_START, (_all, space: string, marker: string) =>
          /\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
        ),
    )
    .join('\n');
}

/** `[text](<address>)`: the destination in angle brackets and percent-encoded, so nothing in it ends the link. */
export function markdownLink(text: string, url: string): string {
  return `[${markdownInline(text)}](<${safeUrl(url)}>)`;
}
