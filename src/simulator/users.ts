/**
 * The simulated tenant and its people. All names, addresses and ids are invented; the ids are
 * fixed so that the tracking server keeps recognising the same sender across restarts.
 */

export interface SimulatedUser {
  /** Entra object id (`oid`). */
  objectId: string;
  displayName: string;
  /** Primary SMTP address, also the `preferred_username`. */
  address: string;
}

export interface SimulatedTenant {
  tenantId: string;
  users: SimulatedUser[];
}

export const DEFAULT_TENANT: SimulatedTenant = {
  tenantId: '6f1d2c3b-9a84-4e57-b0c1-2d3e4f5a6b7c',
  users: [
    {
      objectId: '0b7e5f12-3c4d-4a5b-8c6d-7e8f9a0b1c2d',
      displayName: 'Alex Rivera',
      address: 'alex@contoso.test',
    },
    {
      objectId: '1c8f6a23-4d5e-4b6c-9d7e-8f9a0b1c2d3e',
      displayName: 'Blair Chen',
      address: 'blair@fabrikam.test',
    },
    {
      objectId: '2d9a7b34-5e6f-4c7d-8e9f-9a0b1c2d3e4f',
      displayName: 'Casey Morgan',
      address: 'casey@fabrikam.test',
    },
  ],
};

/** Finds a user by address, ignoring case as mail systems do. */
export function findUser(tenant: SimulatedTenant, address: string): SimulatedUser | undefined {
  const wanted = address.trim().toLowerCase();
  return tenant.users.find((user) => user.address.toLowerCase() === wanted);
}
