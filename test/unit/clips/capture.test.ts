import { describe, expect, it } from 'vitest';
import { captureSelection, citationTitle } from '../../../lib/clips/capture';

describe('captureSelection', () => {
  it('cites every author the page names one by one, not only its byline', () => {
    document.head.replaceChildren();
    document.body.replaceChildren();
    document.title = 'Ferry timetable changes';
    const data = document.createElement('script');
    data.type = 'application/ld+json';
    data.textContent = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Ferry timetable changes',
      author: [{ name: 'Ana Ruiz' }, { '@type': 'Organization', name: 'Marsh & Partners Research' }],
    });
    document.head.append(data);
    const paragraph = document.createElement('p');
    paragraph.id = 'p';
    paragraph.textContent = 'The ferry runs twice an hour from Monday, the operator said.';
    document.body.append(paragraph);
    const text = document.getElementById('p')?.firstChild as Text;
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.setBaseAndExtent(text, 4, text, 35);
    const result = captureSelection(document, 'https://valleygazette.example/ferries');
    if (!result.ok) throw new Error(result.reason);
    expect(result.clip.quote).toBe('ferry runs twice an hour from M');
    expect(result.clip.page.authors).toEqual(['Ana Ruiz', 'Marsh & Partners Research']);
  });
});

describe('citationTitle', () => {
  it.each([
    ['How to Build a Terrarium | eHow', 'eHow', 'How to Build a Terrarium'],
    [
      'Nadal keeps Spain alive in the Davis Cup Finals - Sportsnet.ca',
      'Sportsnet.ca',
      'Nadal keeps Spain alive in the Davis Cup Finals',
    ],
    [
      'The Guardian view on Hong Kong: a city on the brink — The Guardian',
      'the Guardian',
      'The Guardian view on Hong Kong: a city on the brink',
    ],
    ['Getting LEAN with Digital Ad UX | IAB', 'IAB', 'Getting LEAN with Digital Ad UX'],
    ['Ferry timetable changes | Transport', 'Valley Gazette', 'Ferry timetable changes | Transport'],
    ['Minecraft 1.8 - The Bountiful Update', 'Minecraft Update News', 'Minecraft 1.8 - The Bountiful Update'],
    ['Valley Gazette', 'Valley Gazette', 'Valley Gazette'],
    ['News | Valley Gazette', 'Valley Gazette', 'News | Valley Gazette'],
  ])('%s (site %s) → %s', (title, site, expected) => {
    expect(citationTitle(title, site)).toBe(expected);
  });

  it('leaves a title alone when the site is not known', () => {
    expect(citationTitle('Mozilla - Wikipedia', null)).toBe('Mozilla - Wikipedia');
    expect(citationTitle(null, 'Wikipedia')).toBeNull();
  });
});
