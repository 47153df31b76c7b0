import {
  appendPage,
  enrich,
  isQueryActive,
  matchesQuery,
  mergeFirstPage,
} from '../../../../src/addin/status/model/listQuery';
import type { SentItem } from '../../../../src/addin/status/ports';
import { hoursAgo, makeMessage } from '../fakes';

const sent: SentItem = {
  internetMessageId: '<a@example.test>',
  sentAt: hoursAgo(5),
  subject: 'From Graph',
  recipientCount: 4,
  trackingId: 'a',
};

describe('enrich', () => {
  it('fills a missing subject and recipient count from Sent Items', () => {
    const message = makeMessage({
      id: 'a',
      subject: null,
      recipientCount: null,
      internetMessageId: '<a@example.test>',
    });
    const listed = enrich(message, new Map([[sent.internetMessageId, sent]]));
    expect(listed.subject).toBe('From Graph');
    expect(listed.recipientCount).toBe(4);
  });

  it('keeps what the server stores', () => {
    const message = makeMessage({
      id: 'a',
      subject: 'Server',
      recipientCount: 1,
      internetMessageId: '<a@example.test>',
    });
    const listed = enrich(message, new Map([[sent.internetMessageId, sent]]));
    expect(listed.subject).toBe('Server');
    expect(listed.recipientCount).toBe(1);
  });

  it('matches an unlinked message by tracking id', () => {
    const listed = enrich(
      makeMessage({ id: 'a', subject: null, recipientCount: null, internetMessageId: null }),
      new Map([[sent.internetMessageId, sent]]),
    );
    expect(listed.subject).toBe('From Graph');
    expect(listed.recipientCount).toBe(4);
  });

  it('leaves an unlinked message without a copy', () => {
    const listed = enrich(
      makeMessage({ id: 'b', subject: null, internetMessageId: null }),
      new Map([[sent.internetMessageId, sent]]),
    );
    expect(listed.subject).toBeNull();
  });
});

describe('matchesQuery', () => {
  const listed = enrich(makeMessage({ id: 'a', subject: 'Quarterly Budget' }), new Map());

  it('matches a subject substring in any case', () => {
    expect(matchesQuery(listed, { search: '  budget ', badge: null })).toBe(true);
    expect(matchesQuery(listed, { search: 'lunch', badge: null })).toBe(false);
  });

  it('matches by badge', () => {
    expect(matchesQuery(listed, { search: '', badge: 'no-signal' })).toBe(true);
    expect(matchesQuery(listed, { search: '', badge: 'opened' })).toBe(false);
  });

  it('never matches a search against a missing subject', () => {
    const untitled = enrich(makeMessage({ id: 'b', subject: null }), new Map());
    expect(matchesQuery(untitled, { search: 'no subject', badge: null })).toBe(false);
  });

  it('treats blank search and no badge as inactive', () => {
    expect(isQueryActive({ search: '   ', badge: null })).toBe(false);
    expect(isQueryActive({ search: '', badge: 'stopped' })).toBe(true);
  });
});

describe('page merging', () => {
  it('replaces a refreshed message and sorts by activity', () => {
    const loaded = [
      makeMessage({ id: 'a', lastActivityAt: hoursAgo(1) }),
      makeMessage({ id: 'b', lastActivityAt: hoursAgo(2) }),
    ];
    const merged = mergeFirstPage(loaded, [
      makeMessage({ id: 'b', lastActivityAt: hoursAgo(0) }),
      makeMessage({ id: 'c', lastActivityAt: hoursAgo(0.5) }),
    ]);
    expect(merged.map((message) => message.id)).toEqual(['b', 'c', 'a']);
  });

  it('appends a page without repeating loaded messages', () => {
    const appended = appendPage(
      [makeMessage({ id: 'a' })],
      [makeMessage({ id: 'a' }), makeMessage({ id: 'b' })],
    );
    expect(appended.map((message) => message.id)).toEqual(['a', 'b']);
  });
});
