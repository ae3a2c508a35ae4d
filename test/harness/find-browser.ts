// Finds a browser to drive: the path an environment variable names, else the first usual place that exists, else an
// error that says exactly how to get one.
import { existsSync } from 'node:fs';
import { platform } from 'node:os';

export function findBrowser(variable: string, candidates: Record<string, string[]>, howToGet: string): string {
  const fromEnv = process.env[variable];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`${variable} is set to ${fromEnv}, but there is no file there.\n${howToGet}`);
  }
  const found = (candidates[platform()] ?? []).find((path) => existsSync(path));
  if (!found) throw new Error(howToGet);
  return found;
}
