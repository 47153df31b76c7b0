/** Requirement sets the add-in checks at run time; the manifest declares only Mailbox 1.3. */
export const REQUIREMENT = {
  /** `Office.EventType.ItemChanged`, which a pinned task pane needs. */
  itemChanged: { name: 'Mailbox', version: '1.5' },
  /** `item.internetHeaders`. */
  internetHeaders: { name: 'Mailbox', version: '1.8' },
  /** `item.body.appendOnSendAsync`. */
  appendOnSend: { name: 'Mailbox', version: '1.9' },
  /** MSAL nested app authentication through the Office host. */
  nestedAppAuth: { name: 'NestedAppAuth', version: '1.1' },
  /** `Office.context.officeTheme` and `Office.EventType.OfficeThemeChanged` in Outlook. */
  officeTheme: { name: 'Mailbox', version: '1.14' },
} as const;

export type RequirementName = keyof typeof REQUIREMENT;

/** Returns whether the running Outlook supports the requirement set. */
export function isSupported(requirement: RequirementName): boolean {
  const { name, version } = REQUIREMENT[requirement];
  const requirements = Office.context?.requirements;
  return requirements !== undefined && requirements.isSetSupported(name, version);
}
