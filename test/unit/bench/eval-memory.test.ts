// @vitest-environment node
// `npm run eval:articles` must run on a set of any size in bounded memory: the heap after the last page is the heap
// after the tenth, give or take, however many pages come in between.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EVAL = fileURLToPath(new URL('../../bench/eval-articles.ts', import.meta.url));
const PAGES = 30;

function page(n: number): { html: string; text: string } {
  const paragraphs = Array.from(
    { length: 500 },
    (_, i) =>
      `Paragraph ${i} of report ${n}: the harbour authority said the new cranes would move containers faster, ` +
      `and the dock workers' union asked for a say in how the night shifts are planned from next spring onwards.`,
  );
  const html =
    `<!doctype html><html lang="en"><head><title>Report ${n}</title><meta property="og:type" content="article"></head>` +
    `<body><nav>${'<a href="/x">Section</a>'.repeat(200)}</nav><article><h1>Report ${n}</h1>` +
    paragraphs.map((p) => `<p><span>${p}</span></p>`).join('') +
    '</article></body></html>';
  return { html, text: paragraphs.join('\n') };
}

describe('article evaluation', () => {
  it(`scores ${PAGES} pages without keeping them: the heap does not grow from the tenth page to the last`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-eval-memory-'));
    try {
      for (let n = 0; n < PAGES; n++) {
        const { html, text } = page(n);
        const caseDir = join(dir, 'made', `case-${String(n).padStart(2, '0')}`);
        mkdirSync(caseDir, { recursive: true });
        writeFileSync(join(caseDir, 'page.html'), html);
        const expected = { url: `https://news${n}.example/report-${n}`, isArticle: true, title: `Report ${n}` };
        writeFileSync(join(caseDir, 'expected.json'), JSON.stringify({ ...expected, text, textFrom: 'made' }));
      }
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--expose-gc', '--import', 'tsx', EVAL, dir, '--out', join(dir, 'predictions.json')],
          { maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
        );
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${PAGES} cases from`);
      const figures = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as {
        heapAfter?: Array<{ pages: number; mb: number }>;
      };
      const [tenth, last] = figures.heapAfter ?? [];
      expect(tenth?.pages).toBe(10);
      expect(last?.pages).toBe(PAGES);
      // Kept alive, each of these pages would add more than a megabyte.
      expect(((last?.mb ?? Infinity) - (tenth?.mb ?? 0)) / (PAGES - 10)).toBeLessThan(0.25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
