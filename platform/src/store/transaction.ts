// Kysely's transaction type under one name, so services can take "a db or a transaction" alike.
import type { Kysely, Transaction } from 'kysely';

export type Executor<DB> = Kysely<DB> | Transaction<DB>;

/**
 * A database of any schema: Kysely's own idiom for code that runs on every service's store
 * (migrations, outbox, inbox, sync state), where the service's table types are unknown.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransaction = Transaction<any>;
