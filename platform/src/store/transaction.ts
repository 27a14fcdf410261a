// Kysely's transaction type under one name, so services can take "a db or a transaction" alike.
import type { Kysely, Transaction } from 'kysely';

export type Executor<DB> = Kysely<DB> | Transaction<DB>;
