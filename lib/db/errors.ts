// Database failures in words. Dexie wraps the browser's DOMExceptions; the name survives on the error or its `inner`.

function namesOf(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (typeof name === 'string') names.push(name);
    current = inner;
  }
  return names;
}

/** What went wrong with a database write, for a person; the write itself was rolled back by its transaction. */
export function describeStorageError(error: unknown): string {
  const names = namesOf(error);
  if (names.includes('QuotaExceededError')) {
    return 'The browser refused more storage space (quota exceeded). Free some disk space, or export and clear Lens’s data in the options.';
  }
  if (names.includes('AbortError') || names.includes('TransactionInactiveError')) {
    return 'The browser aborted the database transaction; nothing from it was stored.';
  }
  if (names.some((name) => ['VersionError', 'DatabaseClosedError', 'BlockedError', 'UpgradeError'].includes(name))) {
    return 'Lens’s database is being upgraded, or another Lens page holds it open. Close other Lens pages and try again.';
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The database refused the write (${names[0] ?? 'error'}: ${message.slice(0, 300)}).`;
}
