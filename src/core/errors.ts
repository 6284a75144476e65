/** Every error code Dateline raises; the CLI maps them to exit statuses, the HTTP API to statuses. */
export type ErrorCode =
  | 'INGEST_NOT_FOUND'
  | 'INGEST_UNSUPPORTED_TYPE'
  | 'INGEST_EMPTY'
  | 'INGEST_BINARY'
  | 'INGEST_ENCODING'
  | 'INGEST_MALFORMED'
  | 'INGEST_TOO_LARGE'
  | 'INGEST_NO_ARTICLE'
  | 'INGEST_LANGUAGE'
  | 'STAGE_FAILED'
  | 'CONFIG_INVALID'
  | 'STORE_CONFLICT'
  | 'STORE_FAILED'

/** Base class of every error Dateline raises on purpose. */
export class DatelineError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DatelineError'
    this.code = code
  }
}

/** An input could not be read as an article; `input` names the file, URL or record. */
export class IngestError extends DatelineError {
  readonly input: string
  constructor(code: ErrorCode, input: string, message: string, options?: { cause?: unknown }) {
    super(code, `${input}: ${message}`, options)
    this.name = 'IngestError'
    this.input = input
  }
}

/** A pipeline stage threw; names the stage and the document. */
export class StageError extends DatelineError {
  readonly stage: string
  readonly docId: string
  constructor(stage: string, docId: string, options: { cause: unknown }) {
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause)
    super('STAGE_FAILED', `${docId}: stage '${stage}' failed: ${why}`, options)
    this.name = 'StageError'
    this.stage = stage
    this.docId = docId
  }
}

/** A configuration or pipeline is not valid (a stage runs before what it needs, a bad option). */
export class ConfigError extends DatelineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_INVALID', message, options)
    this.name = 'ConfigError'
  }
}
