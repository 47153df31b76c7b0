import { describeReason, REASON_TEXTS } from '../../src/classify';

describe('reason texts', () => {
  test('Apple prefetch says it is not a read', () => {
    expect(describeReason('apple-mpp')).toBe(
      'Loaded by Apple Mail Privacy Protection on arrival, not a read.',
    );
  });

  test('sender network warns about colleagues', () => {
    expect(describeReason('sender-network')).toContain('Colleagues on the same network look the same');
  });

  test('unknown code gets a generic sentence', () => {
    expect(describeReason('my-gateway')).toBe(
      'Matched the rule "my-gateway" of this server\'s user-agent rules.',
    );
  });

  test('inherited object keys are not reason codes', () => {
    expect(describeReason('toString')).toContain('Matched the rule "toString"');
  });

  test('every text is one plain sentence or two', () => {
    for (const text of Object.values(REASON_TEXTS)) {
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text.length).toBeLessThanOrEqual(140);
    }
  });
});
