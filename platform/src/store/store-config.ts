// Where a service keeps its own database: a SQLite file (embedded mode) or a PostgreSQL database.
export type StoreConfig =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string; poolSize?: number };

export type Dialect = StoreConfig['dialect'];
