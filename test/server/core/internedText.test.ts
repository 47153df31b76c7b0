import { internText } from '../../../src/server/core/internedText';

describe('internText', () => {
  it('returns the first instance of equal texts', () => {
    const first = internText(['Mozilla', '5.0'].join('/'));
    const second = internText(['Mozilla', '5.0'].join('/'));

    expect(second).toBe(first);
    expect(second).toBe('Mozilla/5.0');
  });

  it('passes null through', () => {
    expect(internText(null)).toBeNull();
  });

  it('keeps returning equal texts once full', () => {
    for (let index = 0; index < 25_000; index += 1) {
      expect(internText(`client-${index}`)).toBe(`client-${index}`);
    }
  });
});
