/** A one-line progress bar on stderr, shown only on a terminal and only once work takes a while. */
export interface Progress {
  tick(done: number, total?: number): void
  done(): void
}

export interface ProgressOptions {
  readonly label: string
  readonly stream?: NodeJS.WriteStream
  /** Show nothing before this many milliseconds have passed. */
  readonly delayMs?: number
}

/** Creates a progress bar; on a non-terminal stream every call is a no-op. */
export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr
  const started = Date.now()
  const delay = options.delayMs ?? 1500
  let last = 0
  let shown = false
  if (!stream.isTTY) return { tick: () => {}, done: () => {} }
  return {
    tick(done, total) {
      const now = Date.now()
      if (now - started < delay || now - last < 100) return
      last = now
      shown = true
      const secs = (now - started) / 1000
      const rate = done / secs
      let line = `${options.label} ${done}`
      if (total && total > 0) {
        const frac = Math.min(1, done / total)
        const width = 24
        const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.')
        const eta = rate > 0 ? Math.round((total - done) / rate) : 0
        line = `${options.label} [${bar}] ${done}/${total} ${rate.toFixed(0)}/s ETA ${eta}s`
      } else {
        line += ` ${rate.toFixed(0)}/s`
      }
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\x1b[K`)
    },
    done() {
      if (shown) stream.write('\r\x1b[K')
    },
  }
}
