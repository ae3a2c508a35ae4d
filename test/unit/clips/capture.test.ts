import { describe, expect, it } from 'vitest';
import { captureSelection } from '../../../lib/clips/capture';

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
