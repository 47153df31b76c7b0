/**
 * The add-in's one catalogue of UI strings, one module per surface. Components import `strings`
 * and never write user-facing text inline.
 */
import { common, failureText } from './common';
import { compose } from './compose';
import { statusStrings } from './status';

export const strings = { common, compose, status: statusStrings };
export { failureText };
