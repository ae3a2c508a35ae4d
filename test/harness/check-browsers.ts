// Run before the browser tests and the demo: fails fast, with instructions, when a browser they drive is missing.
// Arguments name the browsers to look for (chromium, firefox); none means Chromium.
import { findChromium } from './chromium';
import { findFirefox } from './firefox';

const FINDERS: Record<string, () => string> = { chromium: findChromium, firefox: findFirefox };
const wanted = process.argv.slice(2);
let missing = false;
for (const name of wanted.length > 0 ? wanted : ['chromium']) {
  const find = FINDERS[name];
  if (find === undefined) throw new Error(`check-browsers knows chromium and firefox, not ${name}`);
  try {
    console.log(`${name === 'chromium' ? 'Chromium' : 'Firefox'}: ${find()}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    missing = true;
  }
}
if (missing) process.exit(1);
