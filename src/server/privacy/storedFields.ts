/** Which optional facts about a tracked message the server keeps; the tracking id is always kept. */
export interface StoredMessageFields {
  subject: boolean;
  recipientCount: boolean;
}

export const ALL_MESSAGE_FIELDS: StoredMessageFields = { subject: true, recipientCount: true };

/** Drops what the operator chose not to store, before it reaches the database. */
export function keepStoredFields(
  fields: StoredMessageFields,
  input: { subject: string | null; recipientCount: number | null },
): { subject: string | null; recipientCount: number | null } {
  return {
    subject: fields.subject ? input.subject : null,
    recipientCount: fields.recipientCount ? input.recipientCount : null,
  };
}
