/** How to open the SQLite backend. */
export interface SqliteStoreConfig {
  /**
   * The database file, created when absent (`./dateline.db`), or `:memory:` for a private
   * in-memory database that lives as long as the store (tests).
   */
  readonly path: string
  /**
   * How long a write waits for another process's transaction before failing, in milliseconds
   * (default 5000): two `dateline ingest` runs on one file take turns instead of failing.
   */
  readonly busyTimeoutMs?: number
}
