import type { DraftContent } from '../../../src/simulator/mail/mailSystem';

/** A small HTML draft from Alex to Blair, with overrides for the case under test. */
export function draftFactory(overrides: Partial<DraftContent> = {}): DraftContent {
  return {
    to: ['blair@fabrikam.test'],
    cc: [],
    subject: 'Quarterly numbers',
    bodyType: 'html',
    body: '<html><body><p>Hello Blair</p></body></html>',
    appendOnSend: null,
    internetHeaders: {},
    customProperties: {},
    ...overrides,
  };
}
