// Run before the browser tests and the demo: fails fast, with instructions, when there is no Chromium to drive.
import { findChromium } from './chromium';

try {
  console.log(`Chromium: ${findChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
