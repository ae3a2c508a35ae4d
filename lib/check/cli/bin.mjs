#!/usr/bin/env node
// Entry point of `npx modelwire-lens`: runs the TypeScript CLI through tsx, so the source is the program.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
});
