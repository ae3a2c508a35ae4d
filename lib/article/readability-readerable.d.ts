// Types for the small "is it readerable" half of @mozilla/readability, imported on its own to keep the content
// script light (the package's index also pulls in the 90 KB parser).
declare module '@mozilla/readability/Readability-readerable.js' {
  // The file sets module.exports to the function itself, so it is the default export.
  export default function isProbablyReaderable(
    document: Document,
    options?: { minContentLength?: number; minScore?: number; visibilityChecker?: (node: Node) => boolean },
  ): boolean;
}
