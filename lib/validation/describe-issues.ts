// Schema errors in words: the failing fields and why, for messages, feeds and imports alike.
import * as v from 'valibot';

/** Summarises valibot issues as one sentence naming the failing fields. */
export function describeIssues(issues: ReadonlyArray<v.BaseIssue<unknown>>): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
