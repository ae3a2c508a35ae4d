// Waits until a page stops changing: late-rendered articles and single-page-app navigations settle before detection.

export interface SettleOptions {
  /** How long the DOM must stay quiet. */
  quietMs: number;
  /** Give up waiting after this long and detect anyway. */
  maxMs: number;
}

export const DEFAULT_SETTLE: SettleOptions = { quietMs: 300, maxMs: 3000 };

/** Resolves once `root` has had no mutations for `quietMs`, or after `maxMs`, or at once if `signal` aborts. */
export function afterDomSettles(root: Node, options: SettleOptions, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let quietTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      observer.disconnect();
      clearTimeout(quietTimer);
      clearTimeout(maxTimer);
      resolve();
    };
    const restartQuiet = () => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(finish, options.quietMs);
    };
    const observer = new MutationObserver(restartQuiet);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    const maxTimer = setTimeout(finish, options.maxMs);
    signal?.addEventListener('abort', finish, { once: true });
    restartQuiet();
  });
}
