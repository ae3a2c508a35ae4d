// `npm test`: every check runs, even after one fails, so that a failing unit test does not hide the browser tests
// (or the other way round); a summary lists each step's outcome and the exit code is non-zero if any failed. Only the
// browser tests wait for the builds they load, and say so when a build failed.
import { spawnSync } from 'node:child_process';

interface Step {
  name: string;
  command: string;
  /** Steps that must have passed for this one to mean anything. */
  needs?: string[];
}

const STEPS: Step[] = [
  { name: 'browsers available', command: 'tsx test/harness/check-browsers.ts chromium firefox' },
  { name: 'typecheck', command: 'tsc --noEmit' },
  { name: 'eslint', command: 'eslint .' },
  { name: 'prettier', command: 'prettier --check "**/*.{ts,tsx,js,mjs,css}"' },
  { name: 'unit tests', command: 'vitest run --config test/vitest.config.ts' },
  { name: 'build (Chrome)', command: 'wxt build' },
  {
    name: 'build (Firefox) and web-ext lint',
    command: 'wxt build -b firefox && web-ext lint --source-dir .output/firefox-mv2 --self-hosted',
  },
  {
    name: 'browser tests',
    command: 'vitest run --config test/e2e/vitest.config.ts',
    needs: ['browsers available', 'build (Chrome)', 'build (Firefox) and web-ext lint'],
  },
];

const outcomes = new Map<string, 'passed' | 'failed' | 'not run'>();
for (const step of STEPS) {
  const missing = (step.needs ?? []).filter((name) => outcomes.get(name) !== 'passed');
  if (missing.length > 0) {
    console.error(`\n✗ ${step.name}: not run, because ${missing.join(' and ')} failed.`);
    outcomes.set(step.name, 'not run');
    continue;
  }
  console.log(`\n▶ ${step.name}: ${step.command}`);
  const started = Date.now();
  const run = spawnSync(step.command, { stdio: 'inherit', shell: true, env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const passed = run.status === 0;
  outcomes.set(step.name, passed ? 'passed' : 'failed');
  console.log(`${passed ? '✓' : '✗'} ${step.name} ${passed ? 'passed' : 'FAILED'} (${seconds} s)`);
}

console.log('\nSummary');
for (const [name, outcome] of outcomes) console.log(`  ${outcome === 'passed' ? '✓' : '✗'} ${name}: ${outcome}`);
const failed = [...outcomes.values()].some((outcome) => outcome !== 'passed');
process.exit(failed ? 1 : 0);
