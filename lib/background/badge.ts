// The toolbar badge for a tab: "there is something for this page" at a glance, computed locally.
import type { TabState } from '../tabs/tab-state';

export interface Badge {
  text: string;
  color: string;
  title: string;
}

export const NO_BADGE: Badge = { text: '', color: '#1d4ed8', title: 'Modelwire Lens' };

export function badgeFor(state: TabState | null, headline?: string): Badge {
  if (state === null) return NO_BADGE;
  switch (state.kind) {
    case 'covered':
      return {
        text: 'MW',
        color: '#1d4ed8',
        title: `Modelwire Lens: Modelwire covered this article${headline ? ` — “${headline}”` : ''}`,
      };
    case 'possible':
      return {
        text: '?',
        color: '#b45309',
        title: `Modelwire Lens: possibly covered by Modelwire${headline ? ` — “${headline}”` : ''} (not the same address)`,
      };
    case 'modelwire':
      return state.coverageId
        ? {
            text: '✓',
            color: '#15803d',
            title: 'Modelwire Lens: this Modelwire summary is saved for its source article',
          }
        : {
            text: '!',
            color: '#b45309',
            title: `Modelwire Lens: this page could not be read (${state.error ?? 'unknown reason'})`,
          };
    case 'not-covered':
      return { ...NO_BADGE, title: 'Modelwire Lens: no Modelwire coverage of this article' };
    case 'not-article':
      return { ...NO_BADGE, title: 'Modelwire Lens: this page is not an article' };
  }
}
