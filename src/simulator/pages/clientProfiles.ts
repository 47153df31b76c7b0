/** Simulated Outlook clients, each with the requirement sets it supports (highest version). */
export interface ClientProfile {
  id: string;
  label: string;
  requirementSets: Record<string, string>;
}

export const CLIENT_PROFILES: ClientProfile[] = [
  {
    id: 'outlook-web',
    label: 'Outlook on the web (Mailbox 1.13, nested app authentication)',
    requirementSets: { Mailbox: '1.13', NestedAppAuth: '1.1', IdentityAPI: '1.3' },
  },
  {
    id: 'outlook-2019',
    label: 'Outlook 2019 for Windows (Mailbox 1.8, no append-on-send)',
    requirementSets: { Mailbox: '1.8', NestedAppAuth: '1.1' },
  },
  {
    id: 'exchange-2016',
    label: 'Outlook against Exchange 2016 on-premises (Mailbox 1.5, no nested app authentication)',
    requirementSets: { Mailbox: '1.5' },
  },
];

export function findClientProfile(id: string | undefined): ClientProfile {
  return CLIENT_PROFILES.find((profile) => profile.id === id) ?? (CLIENT_PROFILES[0] as ClientProfile);
}
