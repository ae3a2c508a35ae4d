import { afterEach, describe, expect, it } from 'vitest';
import { isoTime } from '../../../lib/article/metadata';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('isoTime: the time as the page wrote it', () => {
  it.each([
    ['2026-11-20T20:10:00-05:00', '2026-11-20T20:10:00-05:00'],
    ['2021-11-01T10:52:50+0100', '2021-11-01T10:52:50+01:00'],
    ['2026-11-18T12:30:00Z', '2026-11-18T12:30:00Z'],
    ['2026-11-18T12:30:00.250+05:30', '2026-11-18T12:30:00+05:30'],
    ['2019-04-28 06:01:07', '2019-04-28T06:01:07'],
    ['2026-11-19', '2026-11-19T00:00:00'],
    ['Tue, 19 Nov 2019 22:00:00 -0500', '2019-11-19T22:00:00-05:00'],
    ['Tue, 19 Nov 2019 22:00:00 GMT', '2019-11-19T22:00:00Z'],
  ])('%s → %s', (text, expected) => {
    expect(isoTime(text)).toBe(expected);
  });

  it.each(['Pacific/Auckland', 'America/Los_Angeles', 'UTC'])(
    'keeps a date without a zone on its own day in %s',
    (timeZone) => {
      process.env.TZ = timeZone;
      expect(isoTime('April 28, 2019')).toBe('2019-04-28T00:00:00');
      expect(isoTime('2026/11/19')).toBe('2026-11-19T00:00:00');
      expect(isoTime('2026-11-20T23:30:00-08:00')?.slice(0, 10)).toBe('2026-11-20');
    },
  );

  it.each([null, '', 'yesterday', 'Posted by Ana', '2026-13-45', '2026-99-99T10:00:00Z'])(
    'gives null for %j',
    (text) => {
      expect(isoTime(text)).toBeNull();
    },
  );
});
