// Entry point of the `modelwire-lens` command: the built CLI (dist/cli/modelwire-lens.mjs) starts here.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stderr.isTTY),
});
