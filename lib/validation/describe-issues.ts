// Schema errors in words: the failing fields and why, for messages, feeds and imports alike.
import * as v from 'valibot';

/** Summarises valibot issues as one sentence naming the failing fields. */
export function describeIssues(issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      // A missing field reads better as "missing" than as valibot's "Invalid key: Expected … but received undefined".
      const message =
        issue.received === 'undefined' && issue.message.startsWith('Invalid key') ? 'missing' : issue.message;
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
