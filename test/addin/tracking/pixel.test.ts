import { APPEND_ON_SEND_MAX_CHARS, pixelMarkup } from '../../../src/addin/tracking/pixel';
import { errorCodeOf } from '../../../src/addin/addinError';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return errorCodeOf(error);
  }
  return 'no error';
}

describe('pixelMarkup', () => {
  test('attribute-only image markup', () => {
    expect(pixelMarkup('https://readmark.example/o/AbC-_123.gif')).toBe(
      '<img src="https://readmark.example/o/AbC-_123.gif" width="1" height="1" alt="" border="0">',
    );
  });

  test('no inline CSS or hiding', () => {
    const markup = pixelMarkup('https://readmark.example/o/x.gif');
    expect(markup).not.toMatch(/style|display|hidden/i);
  });

  test('quotes and brackets are escaped', () => {
    expect(pixelMarkup('https://readmark.example/o/a"b<c>.gif')).toContain(
      'src="https://readmark.example/o/a%22b%3Cc%3E.gif"',
    );
  });

  test('plain HTTP only on loopback', () => {
    expect(pixelMarkup('http://127.0.0.1:8080/o/x.gif')).toContain('http://127.0.0.1:8080/o/x.gif');
    expect(codeOf(() => pixelMarkup('http://readmark.example/o/x.gif'))).toBe('invalid-pixel-url');
    expect(codeOf(() => pixelMarkup('javascript:alert(1)'))).toBe('invalid-pixel-url');
    expect(codeOf(() => pixelMarkup('not a url'))).toBe('invalid-pixel-url');
  });

  test('markup over the append limit is rejected', () => {
    const longPath = 'a'.repeat(APPEND_ON_SEND_MAX_CHARS);
    expect(codeOf(() => pixelMarkup(`https://readmark.example/o/${longPath}.gif`))).toBe('invalid-pixel-url');
  });
});
