/** One schema change. Versions are applied in increasing order and never edited once released. */
export interface Migration {
  version: number;
  /** Short snake_case label, stored beside the version to detect an edited migration. */
  name: string;
  sql: string;
}
