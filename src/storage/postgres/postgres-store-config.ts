/** Where the PostgreSQL backend connects: a URL, under either name. */
export type PostgresConnection =
  | {
      /** A libpq connection URI: `postgres://user:password@host:5432/dbname?sslmode=require`. */
      readonly url: string
      readonly connectionString?: undefined
    }
  | {
      /** The same URI under `pg`'s name for it (what `openStore` passes). */
      readonly connectionString: string
      readonly url?: undefined
    }

/** How to open the PostgreSQL backend. */
export type PostgresStoreConfig = PostgresConnection & {
  /**
   * The most connections the store's pool opens (default 4). A `put` holds one for its
   * transaction; queries take any free one.
   */
  readonly maxConnections?: number
}
