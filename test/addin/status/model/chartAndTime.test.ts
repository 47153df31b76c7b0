import { bucketOpens } from '../../../../src/addin/status/model/chartBuckets';
import { confidenceLevel, groupOpens, tallyHidden } from '../../../../src/addin/status/model/openGroups';
import { formatExact, formatRelative } from '../../../../src/addin/status/model/time';
import { describeReason } from '../../../../src/addin/status/reasons';
import { strings } from '../../../../src/addin/strings';
import { fluentThemeOf, luminanceOf, themeKindOf } from '../../../../src/addin/status/theme';
import { teamsHighContrastTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { NOW_MS, hoursAgo, makeOpen } from '../fakes';

describe('bucketOpens', () => {
  const start = NOW_MS - 12 * 3600 * 1000;

  it('counts people and other opens per slice', () => {
    const buckets = bucketOpens(
      [
        makeOpen('human', hoursAgo(11.5)),
        makeOpen('prefetch', hoursAgo(11.9)),
        makeOpen('human-via-proxy', hoursAgo(0.5)),
      ],
      start,
      NOW_MS,
      12,
    );
    expect(buckets).toHaveLength(12);
    expect(buckets[0]).toMatchObject({ people: 1, other: 1 });
    expect(buckets[11]).toMatchObject({ people: 1, other: 0 });
  });

  it('clamps opens outside the range into the end buckets', () => {
    const buckets = bucketOpens(
      [makeOpen('human', hoursAgo(20)), makeOpen('self', hoursAgo(-1))],
      start,
      NOW_MS,
      4,
    );
    expect(buckets[0]?.people).toBe(1);
    expect(buckets[3]?.other).toBe(1);
  });

  it('skips repeats that were not counted', () => {
    const repeat = { ...makeOpen('human', hoursAgo(1)), counted: false };
    const buckets = bucketOpens([makeOpen('human', hoursAgo(2)), repeat], start, NOW_MS, 4);
    const people = buckets.reduce((sum, bucket) => sum + bucket.people, 0);
    const other = buckets.reduce((sum, bucket) => sum + bucket.other, 0);
    expect(people).toBe(1);
    expect(other).toBe(0);
  });

  it('skips an open with an unreadable time', () => {
    const buckets = bucketOpens([makeOpen('human', 'not a time')], start, NOW_MS, 4);
    expect(buckets.every((bucket) => bucket.people === 0 && bucket.other === 0)).toBe(true);
  });
});

describe('groupOpens and confidenceLevel', () => {
  it('hides automated fetches and own views but not unclear opens', () => {
    const opens = [
      makeOpen('scanner', hoursAgo(3)),
      makeOpen('unknown', hoursAgo(2)),
      makeOpen('self', hoursAgo(1)),
    ];
    const { shown, hidden } = groupOpens(opens);
    expect(shown.map((open) => open.kind)).toEqual(['unknown']);
    expect(hidden.map((open) => open.kind)).toEqual(['scanner', 'self']);
  });

  it('hides uncounted repeats of every kind', () => {
    const repeat = (kind: Parameters<typeof makeOpen>[0]) => ({
      ...makeOpen(kind, hoursAgo(1)),
      counted: false,
    });
    const opens = [makeOpen('human', hoursAgo(2)), repeat('human'), repeat('unknown'), repeat('self')];
    const { shown, hidden } = groupOpens(opens);
    expect(shown).toEqual([opens[0]]);
    expect(hidden).toEqual(opens.slice(1));
  });

  it('tallies hidden entries by sort', () => {
    const repeat = { ...makeOpen('self', hoursAgo(1)), counted: false };
    const tally = tallyHidden([
      makeOpen('scanner', hoursAgo(3)),
      makeOpen('prefetch', hoursAgo(3)),
      makeOpen('self', hoursAgo(2)),
      repeat,
    ]);
    expect(tally).toEqual({ automated: 2, ownViews: 1, repeats: 1 });
  });

  it.each([
    [0.95, 'high'],
    [0.8, 'high'],
    [0.79, 'medium'],
    [0.5, 'medium'],
    [0.49, 'low'],
  ] as const)('calls confidence %s %s', (confidence, level) => {
    expect(confidenceLevel(confidence)).toBe(level);
  });
});

describe('time formatting', () => {
  it.each([
    [hoursAgo(0), 'now'],
    [new Date(NOW_MS - 9_000).toISOString(), 'now'],
    [new Date(NOW_MS - 41_000).toISOString(), '41 seconds ago'],
    [hoursAgo(2), '2 hours ago'],
    [hoursAgo(24), 'yesterday'],
    [hoursAgo(24 * 14), '2 weeks ago'],
    [hoursAgo(-3), 'in 3 hours'],
  ])('formats %s relative to now', (iso, text) => {
    expect(formatRelative(iso, NOW_MS)).toBe(text);
  });

  it('formats the exact time with Intl in the local time zone', () => {
    const iso = '2026-03-10T09:30:00.000Z';
    expect(formatExact(iso)).toBe(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(Date.parse(iso)),
    );
  });

  it('formats in the catalogue language, not the browser one', () => {
    // The formatters are built once per module, so a fresh copy of the module is loaded here.
    const relativeLocales: unknown[] = [];
    const exactLocales: unknown[] = [];
    const RelativeTimeFormat = Intl.RelativeTimeFormat;
    const DateTimeFormat = Intl.DateTimeFormat;
    const relativeSpy = jest.spyOn(Intl, 'RelativeTimeFormat').mockImplementation((locales, options) => {
      relativeLocales.push(locales);
      return new RelativeTimeFormat(locales, options);
    });
    const exactSpy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation((locales, options) => {
      exactLocales.push(locales);
      return new DateTimeFormat(locales, options);
    });
    try {
      jest.isolateModules(() => {
        const time = jest.requireActual<typeof import('../../../../src/addin/status/model/time')>(
          '../../../../src/addin/status/model/time',
        );
        time.formatRelative(hoursAgo(2), NOW_MS);
        time.formatExact(hoursAgo(2));
      });
    } finally {
      relativeSpy.mockRestore();
      exactSpy.mockRestore();
    }
    expect(relativeLocales).toEqual([strings.common.locale]);
    expect(exactLocales).toEqual([strings.common.locale]);
  });

  it('returns an unreadable time unchanged', () => {
    expect(formatRelative('garbage', NOW_MS)).toBe('garbage');
    expect(formatExact('garbage')).toBe('garbage');
  });
});

describe('describeReason', () => {
  it('words a known reason code', () => {
    expect(describeReason('apple-mpp')).toBe(
      'Loaded by Apple Mail Privacy Protection on arrival, not a read.',
    );
  });

  it('names an unknown reason code', () => {
    expect(describeReason('new-rule')).toBe(
      'Matched the rule "new-rule" of this server\'s user-agent rules.',
    );
  });
});

describe('theme', () => {
  it('reads dark from a dark body background', () => {
    expect(themeKindOf('#1f1f1f', false)).toBe('dark');
    expect(themeKindOf('#ffffff', false)).toBe('light');
  });

  it('prefers forced colours over the Office colours', () => {
    expect(themeKindOf('#ffffff', true)).toBe('high-contrast');
  });

  it('falls back to light without a usable colour', () => {
    expect(themeKindOf(undefined, false)).toBe('light');
    expect(themeKindOf('red', false)).toBe('light');
    expect(luminanceOf('#12345')).toBeNull();
  });

  it('maps each kind to a Fluent theme', () => {
    expect(fluentThemeOf('light')).toBe(webLightTheme);
    expect(fluentThemeOf('dark')).toBe(webDarkTheme);
    expect(fluentThemeOf('high-contrast')).toBe(teamsHighContrastTheme);
  });
});
