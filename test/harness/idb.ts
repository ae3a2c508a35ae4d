// Reads the extension's IndexedDB from inside its service worker, without the extension's own code.
import type { Worker } from 'playwright-core';

export async function readStore<T>(worker: Worker, store: string): Promise<T[]> {
  return worker.evaluate(
    (name: string) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('modelwire-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
