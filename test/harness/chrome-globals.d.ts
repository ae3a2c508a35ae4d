// The few chrome.* calls the browser tests evaluate inside the extension's service worker.
declare namespace chrome {
  namespace runtime {
    function reload(): void;
  }
  namespace tabs {
    function query(filter: Record<string, unknown>): Promise<Array<{ id?: number; url?: string; active?: boolean }>>;
  }
  namespace action {
    function getBadgeText(details: { tabId: number }): Promise<string>;
    function getTitle(details: { tabId: number }): Promise<string>;
  }
  namespace storage {
    const session: { get(keys: string | null): Promise<Record<string, unknown>> };
    const local: {
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  }
  namespace alarms {
    function get(name: string): Promise<{ name: string; scheduledTime: number } | undefined>;
  }
}
