/** What `dateline`'s exit status means. */
export const EXIT = {
  /** Every input was read and processed. */
  ok: 0,
  /** Some inputs were skipped (each named on stderr); the rest were processed. */
  someFailed: 1,
  /** Bad command line or configuration. */
  usage: 2,
  /** Nothing could be processed, or an internal error. */
  failed: 3,
} as const
