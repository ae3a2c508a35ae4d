// Per-host answers remembered: the matcher and the index builder ask about the same few hosts again and again.

/** Hosts remembered per memoised function: a reader's sites, or an index build's publishers, fit many times over. */
const MAX_MEMO_HOSTS = 20_000;

/** `read` remembered for the last hosts it was asked about (the oldest forgotten first). */
export function memoByHost<T>(read: (host: string) => T): (host: string) => T {
  const known = new Map<string, T>();
  return (host) => {
    if (known.has(host)) return known.get(host) as T;
    const value = read(host);
    if (known.size >= MAX_MEMO_HOSTS) known.delete(known.keys().next().value as string);
    known.set(host, value);
    return value;
  };
}
