import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go into a new migration.
// The mail worker claims the first due mail by (priority, next_attempt_at, id). The index of 0013
// ended at next_attempt_at, and the mails of a burst share it (queued in the same second, or on the
// same day for anonymous reports), so every claim read and sorted the whole queue by id: about 24 ms
// of PostgreSQL for one claim among 8,000 queued mails. With id in the index the first row in
// order is the one claimed.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX outbox_claim_order ON outbox (priority, next_attempt_at, id) WHERE sent_at IS NULL AND dead_at IS NULL`.execute(db);
  await sql`DROP INDEX outbox_queue`.execute(db);
}
