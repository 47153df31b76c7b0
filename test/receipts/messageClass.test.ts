import {
  classifyExtendedProperties,
  classifyMessageClass,
  messageClassFromExtendedProperties,
} from '../../src/receipts';

describe('classifyMessageClass', () => {
  test.each([
    ['REPORT.IPM.Note.IPNRN', 'read'],
    ['REPORT.IPM.NOTE.IPNRN', 'read'],
    ['report.ipm.note.ipnrn', 'read'],
    ['REPORT.IPM.Note.SMIME.IPNRN', 'read'],
    ['REPORT.IPM.Note.IPNNRN', 'not-read'],
    [' REPORT.IPM.Note.IPNNRN ', 'not-read'],
    ['REPORT.IPM.Note.DR', 'other-report'],
    ['REPORT.IPM.Note.NDR', 'other-report'],
    ['IPM.Note', 'not-a-report'],
    ['REPORT.IPM.Schedule.Meeting.Request.IPNRN', 'not-a-report'],
    ['IPM.Note.IPNRN', 'not-a-report'],
    ['', 'not-a-report'],
  ] as const)('%j is %s', (messageClass, expected) => {
    expect(classifyMessageClass(messageClass)).toBe(expected);
  });

  test('missing class is not a report', () => {
    expect(classifyMessageClass(null)).toBe('not-a-report');
    expect(classifyMessageClass(undefined)).toBe('not-a-report');
  });
});

describe('classifyExtendedProperties', () => {
  test.each(['String 0x001A', 'String 0x1a', 'string 0x1A', 'String  0x001a'])('id %j is found', (id) => {
    expect(classifyExtendedProperties([{ id, value: 'REPORT.IPM.Note.IPNRN' }])).toBe('read');
  });

  test('other properties are ignored', () => {
    const properties = [
      { id: 'String 0x1046', value: '<tracked-0001@mail.example.com>' },
      { id: 'String 0x001A', value: 'REPORT.IPM.Note.IPNNRN' },
    ];
    expect(messageClassFromExtendedProperties(properties)).toBe('REPORT.IPM.Note.IPNNRN');
    expect(classifyExtendedProperties(properties)).toBe('not-read');
  });

  test('missing property list is not a report', () => {
    expect(classifyExtendedProperties(undefined)).toBe('not-a-report');
    expect(classifyExtendedProperties([])).toBe('not-a-report');
    expect(classifyExtendedProperties([{ id: 'Integer 0x001A', value: 'REPORT.IPM.Note.IPNRN' }])).toBe(
      'not-a-report',
    );
  });
});
