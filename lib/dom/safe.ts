// DOM reads that a page's markup cannot redirect. A <form> exposes its controls as properties named after them, and
// they win over the element's own: `<input name="tagName">` makes `form.tagName` that input, `name="parentNode"`
// makes `form.parentNode` point down into the form (a walk up never ends). A document does the same for its named
// <form>, <img>, <embed>, <object> and <iframe>: `<form name="body">` makes `document.body` that form. This is DOM
// clobbering; it reaches a content script's isolated world too. Every read of page DOM in Lens goes through these
// helpers: for forms and documents they call the standard accessor from the prototype (which a page's markup cannot
// shadow); for every other node they read the property directly, as fast as before.

type Descriptor = PropertyDescriptor | null;
const descriptors = new WeakMap<object, Map<string, Descriptor>>();

function descriptorOf(target: object, name: string): Descriptor {
  const proto = Object.getPrototypeOf(target) as object | null;
  if (proto === null) return null;
  let names = descriptors.get(proto);
  if (names === undefined) {
    names = new Map();
    descriptors.set(proto, names);
  }
  let found = names.get(name);
  if (found === undefined) {
    found = null;
    for (let at: object | null = proto; at !== null; at = Object.getPrototypeOf(at) as object | null) {
      const own = Object.getOwnPropertyDescriptor(at, name);
      if (own) {
        found = own;
        break;
      }
    }
    names.set(name, found);
  }
  return found;
}

/** The standard value of `name` on `target`, from its prototype chain: named form controls cannot shadow it. */
export function standard<T>(target: object, name: string): T {
  const descriptor = descriptorOf(target, name);
  if (descriptor === null) return (target as Record<string, unknown>)[name] as T;
  return (descriptor.get ? descriptor.get.call(target) : descriptor.value) as T;
}

function standardCall<T>(target: object, name: string, ...args: unknown[]): T {
  const method = standard<unknown>(target, name);
  return (method as (...values: unknown[]) => T).apply(target, args);
}

const toTag = Object.prototype.toString;

const CLOBBERABLE = new Set(['[object HTMLFormElement]', '[object HTMLDocument]', '[object Document]']);
/** The answer for each prototype: markup cannot change an object's prototype or add a symbol-named property to it. */
const clobberableByPrototype = new WeakMap<object, boolean>();

/** Whether a node's own properties can be shadowed by markup (a form or a document). Never reads a named property. */
export function clobberable(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const proto = Object.getPrototypeOf(node) as object | null;
  if (proto === null) return CLOBBERABLE.has(toTag.call(node));
  let known = clobberableByPrototype.get(proto);
  if (known === undefined) {
    known = CLOBBERABLE.has(toTag.call(node));
    clobberableByPrototype.set(proto, known);
  }
  return known;
}

function read<T>(node: object, name: string): T {
  return clobberable(node) ? standard<T>(node, name) : ((node as Record<string, unknown>)[name] as T);
}

export const tagOf = (element: Element): string => read<string>(element, 'tagName');
export const localNameOf = (element: Element): string => read<string>(element, 'localName');
export const nodeTypeOf = (node: Node): number => read<number>(node, 'nodeType');
export const parentOf = (node: Node): Element | null => read<Element | null>(node, 'parentElement');
export const parentNodeOf = (node: Node): Node | null => read<Node | null>(node, 'parentNode');
export const firstChildOf = (node: Node): Node | null => read<Node | null>(node, 'firstChild');
export const nextSiblingOf = (node: Node): Node | null => read<Node | null>(node, 'nextSibling');
export const previousElementOf = (element: Element): Element | null =>
  read<Element | null>(element, 'previousElementSibling');
export const childrenOf = (element: Element): HTMLCollection => read<HTMLCollection>(element, 'children');
export const textOf = (node: Node): string => read<string | null>(node, 'textContent') ?? '';
export const isConnectedOf = (node: Node): boolean => read<boolean>(node, 'isConnected');

export function attr(element: Element, name: string): string | null {
  return clobberable(element) ? standardCall(element, 'getAttribute', name) : element.getAttribute(name);
}

/** An attribute of an element that may be missing (a query's result). */
export function attrOf(element: Element | null | undefined, name: string): string | null {
  return element ? attr(element, name) : null;
}

export function hasAttr(element: Element, name: string): boolean {
  return clobberable(element) ? standardCall(element, 'hasAttribute', name) : element.hasAttribute(name);
}

/** Takes the element out of its document (a form's control named "remove" cannot stop it). */
export function removeElement(element: Element): void {
  if (clobberable(element)) standardCall<undefined>(element, 'remove');
  else element.remove();
}

export function closestOf(element: Element, selector: string): Element | null {
  return clobberable(element) ? standardCall(element, 'closest', selector) : element.closest(selector);
}

export function queryAll(root: Element | Document, selector: string): Element[] {
  return Array.from(
    clobberable(root)
      ? standardCall<NodeListOf<Element>>(root, 'querySelectorAll', selector)
      : root.querySelectorAll(selector),
  );
}

export function query(root: Element | Document, selector: string): Element | null {
  return clobberable(root) ? standardCall(root, 'querySelector', selector) : root.querySelector(selector);
}

/**
 * The elements with this tag name, as the live collection: nothing is walked until an item is asked for, so a loop
 * that stops early pays only for what it read (a selector query walks the whole tree first). Read it with `itemsOf`:
 * its `length` would walk the whole tree.
 */
export function byTag(root: Element | Document, tag: string): HTMLCollectionOf<Element> {
  return clobberable(root)
    ? standardCall<HTMLCollectionOf<Element>>(root, 'getElementsByTagName', tag)
    : root.getElementsByTagName(tag);
}

/**
 * The items of a live collection in document order, at most `limit`, read by index. What the page adds or removes
 * while a stepped reader pauses moves the items after it; the limit keeps a page that grows without end from keeping
 * the reader going.
 */
export function* itemsOf(collection: HTMLCollectionOf<Element>, limit = Infinity): Generator<Element> {
  for (let index = 0; index < limit; index++) {
    const item = collection[index];
    if (item === undefined) return;
    yield item;
  }
}

/** The elements with this class name, as the live collection (see `byTag`). */
export function byClass(root: Element | Document, name: string): HTMLCollectionOf<Element> {
  return clobberable(root)
    ? standardCall<HTMLCollectionOf<Element>>(root, 'getElementsByClassName', name)
    : root.getElementsByClassName(name);
}

/** The first element with this tag name, by the live collection rather than a selector (no selector engine runs). */
export function firstByTag(root: Element | Document, tag: string): Element | null {
  return byTag(root, tag)[0] ?? null;
}

/** The document's parts, which named elements can shadow: `<form name="body">`, `<img name="title">`. */
export const bodyOf = (doc: Document): HTMLElement | null => standard<HTMLElement | null>(doc, 'body');
export const rootOf = (doc: Document): HTMLElement | null => standard<HTMLElement | null>(doc, 'documentElement');
export const titleOf = (doc: Document): string => standard<string>(doc, 'title');

/** The document methods and parts Lens uses, always the standard ones (`<form name="createRange">` cannot replace them). */
export interface StandardDocument {
  readonly defaultView: (Window & typeof globalThis) | null;
  readonly activeElement: Element | null;
  createRange(): Range;
  getSelection(): Selection | null;
  createElement(tag: string): HTMLElement;
  createTextNode(text: string): Text;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

const standardDocuments = new WeakMap<Document, StandardDocument>();

export function std(doc: Document): StandardDocument {
  let view = standardDocuments.get(doc);
  if (view === undefined) {
    const hasCaret = typeof standard<unknown>(doc, 'caretRangeFromPoint') === 'function';
    view = {
      get defaultView() {
        return standard<(Window & typeof globalThis) | null>(doc, 'defaultView');
      },
      get activeElement() {
        return standard<Element | null>(doc, 'activeElement');
      },
      createRange: () => standardCall<Range>(doc, 'createRange'),
      getSelection: () => standardCall<Selection | null>(doc, 'getSelection'),
      createElement: (tag) => standardCall<HTMLElement>(doc, 'createElement', tag),
      createTextNode: (text) => standardCall<Text>(doc, 'createTextNode', text),
      ...(hasCaret
        ? {
            caretRangeFromPoint: (x: number, y: number) => standardCall<Range | null>(doc, 'caretRangeFromPoint', x, y),
          }
        : {}),
    };
    standardDocuments.set(doc, view);
  }
  return view;
}
