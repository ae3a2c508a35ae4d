import type { ReactNode } from 'react';
import { safeHttpUrl } from '../lib/match/url';

/** A link that opens in a new tab, rendered only for http(s) addresses: anything else shows as plain text. */
export function ExternalLink({ href, children }: { href: string | null | undefined; children: ReactNode }) {
  const url = safeHttpUrl(href);
  if (url === null) return <span>{children}</span>;
  return (
    <a href={url} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  );
}
