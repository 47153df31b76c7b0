/**
 * Read receipts (Message Disposition Notifications, RFC 8098): parsing, matching to tracked
 * messages and recognising report messages by MAPI class. Browser-safe: nothing here imports a
 * Node.js module, so the add-in task pane and the CLI share it.
 */
export { parseMdn } from './parseMdn';
export { matchReceipt, indexByMessageId } from './matchReceipt';
export type { MatchField, MessageLookup, ReceiptMatch } from './matchReceipt';
export { normalizeMessageId, extractMessageIds } from './messageId';
export {
  classifyMessageClass,
  classifyExtendedProperties,
  messageClassFromExtendedProperties,
} from './messageClass';
export type { MessageClassKind, SingleValueExtendedProperty } from './messageClass';
export type {
  Disposition,
  ParsedReceipt,
  ParsedReceiptKind,
  ParseError,
  ParseErrorCode,
  ParseOptions,
  ParseResult,
  ParseWarning,
  ParseWarningCode,
} from './types';
