import type { Pool } from 'pg';

/**
 * Monthly partitions of the opens table. A partition is named `opens_pYYYYMM` after the UTC month
 * it holds, from the first instant of that month up to (not including) the first of the next.
 */

const PARTITION_NAME = /^opens_p(\d{4})(\d{2})$/;

/** The first instant of the UTC month that contains `at`. */
export function monthStart(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

/** The first instant of the UTC month `count` months after the one that contains `at`. */
export function addMonths(at: Date, count: number): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + count, 1));
}

export function partitionName(month: Date): string {
  const year = String(month.getUTCFullYear()).padStart(4, '0');
  const monthNumber = String(month.getUTCMonth() + 1).padStart(2, '0');
  return `opens_p${year}${monthNumber}`;
}

export interface OpensPartition {
  name: string;
  from: Date;
  to: Date;
}

/** Lists the store's monthly partitions of opens, oldest first. */
export async function listOpensPartitions(pool: Pool): Promise<OpensPartition[]> {
  const result = await pool.query<{ name: string }>(
    `SELECT child.relname AS name
       FROM pg_inherits
       JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      WHERE pg_inherits.inhparent = to_regclass('opens')`,
  );
  const partitions: OpensPartition[] = [];
  for (const { name } of result.rows) {
    const match = PARTITION_NAME.exec(name);
    if (match === null) continue;
    const from = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
    partitions.push({ name, from, to: addMonths(from, 1) });
  }
  return partitions.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Keeps track of which monthly partitions exist, so writers create a missing one before they
 * insert and ask the database only for months they have not seen.
 */
export class PartitionKeeper {
  private readonly knownMonths = new Set<number>();

  constructor(private readonly pool: Pool) {}

  /** Creates partitions for the months of `times` that this process has not seen yet. */
  async ensureFor(times: Iterable<Date>): Promise<void> {
    const missing = new Set<number>();
    for (const at of times) {
      const month = monthStart(at).getTime();
      if (!this.knownMonths.has(month)) missing.add(month);
    }
    if (missing.size === 0) return;
    await this.create([...missing].map((month) => new Date(month)));
  }

  /** Creates the partitions of the month containing `now` and of the `monthsAhead` after it. */
  async ensureAhead(now: Date, monthsAhead: number): Promise<void> {
    const months: Date[] = [];
    for (let offset = 0; offset <= monthsAhead; offset++) months.push(addMonths(now, offset));
    await this.create(months);
  }

  /** Forgets a month whose partition was dropped, so a late write creates it again. */
  forget(month: Date): void {
    this.knownMonths.delete(monthStart(month).getTime());
  }

  private async create(months: Date[]): Promise<void> {
    // Each partition is created in its own short transaction before the write that needs it:
    // creating one locks the whole opens table, which must not last as long as a write.
    for (const month of months) {
      await this.pool.query('SELECT create_opens_partition($1)', [month]);
      this.knownMonths.add(month.getTime());
    }
  }
}
