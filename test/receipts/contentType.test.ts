import { parseContentType, parseParameterizedValue } from '../../src/receipts/contentType';

describe('parseContentType', () => {
  test('usual report type', () => {
    const parsed = parseContentType('multipart/report; report-type=disposition-notification; boundary="b1"');
    expect(parsed?.mediaType).toBe('multipart/report');
    expect(parsed?.parameters.get('report-type')).toBe('disposition-notification');
    expect(parsed?.parameters.get('boundary')).toBe('b1');
  });

  test('no spaces and mixed case', () => {
    const parsed = parseContentType('Multipart/Report;Report-Type=disposition-notification;BOUNDARY=x;');
    expect(parsed?.mediaType).toBe('multipart/report');
    expect(parsed?.parameters.get('boundary')).toBe('x');
  });

  test('spaces around slash and equals', () => {
    const parsed = parseContentType('message / disposition-notification ; name = "MDNPart2.txt"');
    expect(parsed?.mediaType).toBe('message/disposition-notification');
    expect(parsed?.parameters.get('name')).toBe('MDNPart2.txt');
  });

  test('quoted boundary with semicolon and escape', () => {
    const parsed = parseContentType('multipart/mixed; boundary="a;b\\"c"');
    expect(parsed?.parameters.get('boundary')).toBe('a;b"c');
  });

  test('comments are removed', () => {
    const parsed = parseContentType('text/plain (body text); charset=us-ascii (ASCII)');
    expect(parsed?.mediaType).toBe('text/plain');
    expect(parsed?.parameters.get('charset')).toBe('us-ascii');
  });

  test('first of duplicate parameters wins', () => {
    expect(parseContentType('multipart/mixed; boundary=a; boundary=b')?.parameters.get('boundary')).toBe('a');
  });

  test.each(['', 'text', '/plain', 'text/', 'a/b/c'])('%j is no content type', (value) => {
    expect(parseContentType(value)).toBeNull();
  });
});

describe('parseParameterizedValue', () => {
  test('Content-Disposition filename', () => {
    const parsed = parseParameterizedValue('attachment; filename="winmail.dat"');
    expect(parsed.value).toBe('attachment');
    expect(parsed.parameters.get('filename')).toBe('winmail.dat');
  });
});
