// Reading a page in steps: the same report as at once, with the event loop given turns in between.
import { describe, expect, it } from 'vitest';
import { describePage, describePageInSteps } from '../../../lib/article/describe-page';
import { runNow, runYielding, type Steps } from '../../../lib/article/steps';
import { sitePage } from '../fixtures';

const ARTICLE = 'https://www.lakesideledger.com/2026/11/18/regional-hospitals-pilot-ai-triage-assistant/';

function* counting(steps: number): Steps<number> {
  let done = 0;
  for (let i = 0; i < steps; i++) {
    done++;
    yield;
  }
  return done;
}

describe('work in steps', () => {
  it('gives the same answer at once and spread over tasks, and lets other tasks run in between', async () => {
    expect(runNow(counting(5))).toBe(5);
    let otherTaskRan = false;
    setTimeout(() => (otherTaskRan = true), 0);
    // A budget of 0 ms: a turn for the event loop after every step.
    expect(await runYielding(counting(5), 0)).toBe(5);
    expect(otherTaskRan).toBe(true);
  });

  it('describes a page in steps exactly as at once', async () => {
    const doc = sitePage(ARTICLE);
    expect(await describePageInSteps(doc, ARTICLE)).toEqual(describePage(doc, ARTICLE));
  });
});
