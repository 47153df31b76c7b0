/** The Readmark version, as in package.json: a test keeps the two in step. */
export const READMARK_VERSION = '0.1.0';
