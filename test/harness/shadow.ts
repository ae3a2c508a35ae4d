// Reaches into Lens's overlay in a browser test. Its shadow root is closed (the page cannot reach it), so neither page
// scripts nor Playwright's selectors see inside; the DevTools protocol does, which is what this uses.
import type { CDPSession, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  nodeName: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

export interface LensShadow {
  /** Whether the host element is in the page, and how many. */
  hosts(): Promise<number>;
  exists(selector: string): Promise<boolean>;
  /** Resolves once `selector` matches inside the shadow root; throws after `timeoutMs`. */
  waitFor(selector: string, timeoutMs?: number): Promise<void>;
  /** Runs `fn` on the first element matching `selector` inside the shadow root, in the page's main world. */
  call<T>(selector: string, fn: string): Promise<T>;
  text(selector: string): Promise<string>;
  texts(selector: string): Promise<string[]>;
  attribute(selector: string, name: string): Promise<string | null>;
  click(selector: string): Promise<void>;
  focus(selector: string): Promise<undefined>;
  /** The centre of an element, in viewport coordinates. */
  centre(selector: string): Promise<{ x: number; y: number }>;
}

/** Lens's hosts are plain elements named by `data-modelwire-lens` (overlay, clipper). */
function isHost(node: DomNode, name: string): boolean {
  const attributes = node.attributes ?? [];
  for (let i = 0; i + 1 < attributes.length; i += 2)
    if (attributes[i] === 'data-modelwire-lens' && attributes[i + 1] === name) return true;
  return false;
}

function findHost(node: DomNode, tag: string): DomNode | null {
  if (isHost(node, tag)) return node;
  for (const child of node.children ?? []) {
    const found = findHost(child, tag);
    if (found) return found;
  }
  return null;
}

function countHosts(node: DomNode, tag: string): number {
  let count = isHost(node, tag) ? 1 : 0;
  for (const child of node.children ?? []) count += countHosts(child, tag);
  return count;
}

export async function lensShadow(page: Page, tag: 'overlay' | 'clipper' = 'overlay'): Promise<LensShadow> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const tree = async () => (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })).root as DomNode;
  const shadowRootId = async (): Promise<number> => {
    const host = findHost(await tree(), tag);
    const root = host?.shadowRoots?.[0];
    if (!root) throw new Error(`No Lens ${tag} host with a shadow root on ${page.url()}`);
    return root.nodeId;
  };
  // The overlay may redraw between two protocol calls, which makes node ids stale: ask again once.
  const retry = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!/given id|No node/i.test(String(error))) throw error;
      return work();
    }
  };
  const nodes = async (selector: string): Promise<number[]> =>
    retry(async () => (await cdp.send('DOM.querySelectorAll', { nodeId: await shadowRootId(), selector })).nodeIds);
  const call = async <T>(selector: string, fn: string): Promise<T> => retry(() => callOnce<T>(selector, fn));
  const callOnce = async <T>(selector: string, fn: string): Promise<T> => {
    const [nodeId] = await nodes(selector);
    if (nodeId === undefined) throw new Error(`Nothing matches ${selector} in the overlay`);
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const result = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      returnByValue: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.text);
    return result.result.value as T;
  };
  const exists = async (selector: string): Promise<boolean> => {
    try {
      return (await nodes(selector)).length > 0;
    } catch {
      return false;
    }
  };
  return {
    hosts: async () => countHosts(await tree(), tag),
    exists,
    async waitFor(selector, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await exists(selector))) {
        if (Date.now() > deadline) throw new Error(`${selector} did not appear in the overlay on ${page.url()}`);
        await page.waitForTimeout(50);
      }
    },
    call,
    text: (selector) => call<string>(selector, 'function () { return this.textContent; }'),
    texts: async (selector) => {
      const texts: string[] = [];
      for (const nodeId of await nodes(selector)) {
        const { object } = await cdp.send('DOM.resolveNode', { nodeId });
        const result = await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.textContent; }',
          returnByValue: true,
        });
        texts.push(result.result.value as string);
      }
      return texts;
    },
    attribute: (selector, name) =>
      call<string | null>(selector, `function () { return this.getAttribute(${JSON.stringify(name)}); }`),
    click: async (selector) => {
      const { x, y } = await call<{ x: number; y: number }>(
        selector,
        "function () { this.scrollIntoView({ block: 'nearest' }); const r = this.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }",
      );
      // A real click at the element's place: it must be on top of whatever the page puts there.
      await page.mouse.click(x, y);
    },
    focus: (selector) => call<undefined>(selector, 'function () { this.focus(); }'),
    centre: (selector) =>
      call<{ x: number; y: number }>(
        selector,
        'function () { const r = this.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; }',
      ),
  };
}
