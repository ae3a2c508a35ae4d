import { describe, expect, it } from 'vitest';
import { interfaceBoxes } from '../../../lib/article/interface-boxes';
import { extractMainText } from '../../../lib/article/main-text';
import { readabilityReading, withSecondOpinion } from '../../../lib/article/second-opinion';
import { reading, parseHtml } from '../fixtures';

// A news item of three short paragraphs (about 70 words): shorter than many consent notices.
const NEWS_ITEM = `
  <h1>Ferry to the northern islands resumes after the storm</h1>
  <p>The morning ferry to the northern islands sailed again on Tuesday, four days after the storm closed the harbour.</p>
  <p>The operator said the pier at Skarvik had been checked by divers, and that the evening crossing would run as usual.</p>
  <p>Islanders who missed hospital appointments can rebook them free of charge, the health board said.</p>`;

// Two long paragraphs with commas: by length alone they outscore the news item.
const notice = (control: string, words = 'cookies') => `
  <div class="q7f">
    <h2>Your choices</h2>
    <p>We and our partners use ${words} and similar technologies to store and access information on your device, such as
    identifiers, browsing data and precise location, for personalised advertising, content measurement, audience research
    and the development of our services.</p>
    <p>You can change your choices at any time from the link at the bottom of every page, withdraw them, or object to
    processing based on legitimate interest, which some of our partners rely on instead of asking you.</p>
    ${control}
  </div>`;

const page = (before: string, story = NEWS_ITEM) =>
  parseHtml(
    `<html><head><title>Ferry resumes | Island Post</title></head><body>${before}<main>${story}</main></body></html>`,
  );

describe('consent notices', () => {
  it('are left out of the main text, whatever their control is called and in other languages', () => {
    for (const control of [
      '<button>Accept all</button><button>Manage options</button>',
      '<a href="#">I agree</a>',
      '<input type="button" value="OK">',
      '<span role="button">Alle akzeptieren</span>',
      '<button>Tout accepter</button>',
    ]) {
      const doc = page(notice(control));
      expect(interfaceBoxes(doc).size, control).toBe(1);
      const { text } = extractMainText(doc);
      expect(text, control).toContain('The morning ferry to the northern islands sailed again');
      expect(text, control).not.toContain('our partners');
    }
  });

  it('are kept out of the second opinion too', () => {
    const doc = page(notice('<button>Accept all</button>'));
    expect(readabilityReading(doc)?.text).not.toContain('our partners');
    expect(doc.body.textContent).toContain('our partners'); // the page itself is not changed
  });

  it('need both a consent control and words of consent: an article about cookies stays whole', () => {
    // No accept control: the text is an article's, whatever it speaks of.
    const aboutCookies = `<h1>Browser makers delay the end of third-party cookies again</h1>${notice('<button>Share</button>')}`;
    const doc = page('', aboutCookies);
    expect(interfaceBoxes(doc).size).toBe(0);
    expect(extractMainText(doc).text).toContain('our partners use cookies');
    // An accept control beside text that says nothing of consent (a sign-up box) is not a consent notice.
    const signUp = `<div><p>Get the morning briefing in your inbox, every weekday before breakfast.</p><button>OK</button></div>`;
    expect(interfaceBoxes(page(signUp)).size).toBe(0);
  });

  it('never take the box that holds the headline', () => {
    const doc = parseHtml(
      `<html><body><div>${notice('<button>Accept all</button>', 'cookies')}<h1>Cookie rules tighten</h1></div></body></html>`,
    );
    const [found] = [...interfaceBoxes(doc)];
    expect(found?.className).toBe('q7f');
  });
});

describe('a short story beside a longer box that is not its story', () => {
  it('is read, by its headline, when the box says nothing of consent', () => {
    // A site's blurb of two long paragraphs: no consent words, so only the headline tells it from the story.
    const blurb = notice('', 'coffee').replace('store and access information on your device', 'roast beans');
    const { text } = extractMainText(page(`<div class="top">${blurb}</div>`));
    expect(text).toContain('The morning ferry to the northern islands sailed again');
    expect(text).not.toContain('roast beans');
  });

  it('is read when its lede repeats under half of the headline’s words', () => {
    const blurb = notice('', 'coffee').replace('store and access information on your device', 'roast beans');
    // The lede has three of the headline's seven words (islanders, morning, ferry).
    const story = NEWS_ITEM.replace(
      'Ferry to the northern islands resumes after the storm',
      'Harbour reopens and islanders cheer as morning ferry returns',
    ).replace(', four days after the storm closed the harbour', '');
    const { text } = extractMainText(page(`<div class="top">${blurb}</div>`, story));
    expect(text).toContain('The morning ferry to the northern islands sailed again');
    expect(text).not.toContain('roast beans');
  });

  it('does not take the headline alone for the story', () => {
    const blurb = notice('', 'coffee');
    const { text } = extractMainText(page(blurb, '<h1>Ferry to the northern islands resumes after the storm</h1>'));
    expect(text).toContain('our partners');
  });

  it('keeps Lens’s short story over a longer second opinion about something else', () => {
    const doc = page('');
    const lens = extractMainText(doc);
    const comments = Array.from(
      { length: 12 },
      (_, i) => `Comment ${i}: the football club's new stadium should have been built closer to the station.`,
    ).join(' ');
    expect(withSecondOpinion(doc, lens, () => reading(comments)).from).toBe('lens');
    // The same story read whole by the other extractor is taken.
    const whole = `${lens.text} ${Array.from({ length: 40 }, (_, i) => `The ferry operator added detail ${i}.`).join(' ')}`;
    expect(withSecondOpinion(doc, lens, () => reading(whole)).from).toBe('readability');
  });
});

describe('readers’ comments', () => {
  const comments = Array.from(
    { length: 8 },
    (_, i) =>
      `<div><p>Reader ${i}, 2 days ago</p><p>I took that ferry for years, and honestly the pier at Skarvik was never in good shape, storm or no storm, so I am glad somebody finally checked it properly.</p></div>`,
  ).join('');

  it('are left out after a heading that says so, whatever the class names', () => {
    for (const heading of [
      '<h2>12 Comments</h2>',
      '<h3>Leave a Reply</h3>',
      '<h2>34 responses to “Ferry resumes”</h2>',
    ]) {
      const { text } = extractMainText(page('', `${NEWS_ITEM}<div>${heading}${comments}</div>`));
      expect(text, heading).toContain('The morning ferry to the northern islands sailed again');
      expect(text, heading).not.toContain('I took that ferry for years');
    }
  });

  it('are not started by a heading above the headline, or by a section that is part of the story', () => {
    // A "Comments" kicker over the headline: the story after it is read.
    const kicker = extractMainText(page('', `<h2>Comments</h2>${NEWS_ITEM}`)).text;
    expect(kicker).toContain('The morning ferry to the northern islands sailed again');
    // "Discussion" or "Response" as a section of the story is the story's.
    const section = `<h2>Response</h2><p>The operator's response to the islanders' letter was published in full on Monday, with a timetable.</p>`;
    expect(extractMainText(page('', `${NEWS_ITEM}${section}`)).text).toContain('published in full on Monday');
  });
});

describe('sign-up boxes', () => {
  const signUp = `<div class="x9z"><h3>Get the morning briefing</h3><p>The day's most important stories, picked by our editors, in your inbox every morning before breakfast.</p><input type="email" placeholder="Your email address"><button>Sign me up</button></div>`;

  it('are left out of the story they sit in, whatever their class names', () => {
    const story = NEWS_ITEM.replace('</p>', `</p>${signUp}`);
    const { text } = extractMainText(page('', story));
    expect(text).toContain('The morning ferry to the northern islands sailed again');
    expect(text).toContain('Islanders who missed hospital appointments');
    expect(text).not.toContain('morning briefing');
  });

  it('are only the few lines around the field, never the story around them', () => {
    const [headline, ...paragraphs] = NEWS_ITEM.trim().split(/\n\s*/);
    const story = `${headline}<div class="s">${paragraphs.join('')}<input type="email"></div>`;
    const doc = page('', story);
    expect(interfaceBoxes(doc).size).toBe(0);
    expect(extractMainText(doc).text).toContain('Islanders who missed hospital appointments');
  });
});

describe('subscription walls', () => {
  const wall = (control: string) =>
    `<div class="pw3"><h2>This story is for subscribers</h2><p>Independent reporting takes time and money: support it from one euro a week and get every story, the archive and the app.</p>${control}</div>`;

  it('are left out after the story, whatever their control is called and in other languages', () => {
    for (const control of [
      '<button>Subscribe now</button><a href="/login">Already a subscriber? Log in</a>',
      '<a href="/offers">See subscription offers</a>',
      '<a href="/abo">Jetzt abonnieren</a>',
      "<button>Je m'abonne</button>",
    ]) {
      const doc = page('', `${NEWS_ITEM}${wall(control)}`);
      expect(interfaceBoxes(doc).size, control).toBe(1);
      const { text } = extractMainText(doc);
      expect(text, control).toContain('Islanders who missed hospital appointments');
      expect(text, control).not.toContain('Independent reporting');
    }
  });

  it('need both a call to subscribe and words that say the story stops there', () => {
    // A story about a newspaper's subscriptions, with a link in its running text: the story's own.
    const about = `<p>The paper said readers who <a href="/subscribe">subscribe</a> before May keep the old price, and that free articles will stay free for students.</p>`;
    expect(interfaceBoxes(page('', `${NEWS_ITEM}<div>${about}</div>`)).size).toBe(0);
    // A "Subscribe" button beside text that gives no reason the story stops is not a wall.
    const plain = `<div><h2>Island Post</h2><p>News from the northern islands since 1921.</p><button>Subscribe</button></div>`;
    expect(interfaceBoxes(page('', `${NEWS_ITEM}${plain}`)).size).toBe(0);
  });

  it('are found by the price they offer, or by saying the story is for paid subscribers', () => {
    for (const box of [
      // A control priced by the period, beside text that never says subscribe or read on.
      `<div><h2>Want the whole story?</h2><p>Members get every story, the archive and the app.</p><a href="/members/join">Join for €5 a month</a></div>`,
      `<div><h2>Support local news</h2><p>Every story, every day, on any device.</p><button>Start for $1/week</button></div>`,
      `<div><h2>Weiter geht es mit Plus</h2><p>Alle Artikel, die App und das E-Paper.</p><a href="/plus">Für 1,99 € pro Monat</a></div>`,
      // The price beside the control: the box says it.
      `<div><p>This post is for paid subscribers.</p><a href="/subscribe">Subscribe</a></div>`,
      `<div><h2>Keep going</h2><p>All our reporting for 99p a week.</p><a href="/offers">Choose a plan</a></div>`,
    ]) {
      const doc = page('', `${NEWS_ITEM}${box}`);
      expect(interfaceBoxes(doc).size, box).toBe(1);
      expect(extractMainText(doc).text, box).toContain('Islanders who missed hospital appointments');
    }
    // A price in the story's running text, or a price with no period on a shop's button, is not an offer to subscribe.
    const story = `<div><p>The ferry company said a season ticket will cost <a href="/fares">€45 a month</a> from May, up from €38, and that students pay half.</p></div>`;
    expect(interfaceBoxes(page('', `${NEWS_ITEM}${story}`)).size).toBe(0);
    const shop = `<div><h2>Island Post mug</h2><p>Stoneware, made on the islands.</p><a href="/shop/mug">Buy for £12</a></div>`;
    expect(interfaceBoxes(page('', `${NEWS_ITEM}${shop}`)).size).toBe(0);
  });

  it('are never the story they stop: a box with the story’s paragraphs is not taken', () => {
    const [headline, ...paragraphs] = NEWS_ITEM.trim().split(/\n\s*/);
    const flat = `${headline}<div>${paragraphs.join('')}${wall('<button>Subscribe now</button>').replace(/<\/?div[^>]*>/g, '')}</div>`;
    const doc = page('', flat);
    expect(interfaceBoxes(doc).size).toBe(0);
    expect(extractMainText(doc).text).toContain('The morning ferry to the northern islands sailed again');
  });
});
