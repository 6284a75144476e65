/**
 * Runs the `dateline` CLI as a child process straight from the TypeScript sources (no build
 * needed), from the project root, without colour, for the end-to-end CLI tests.
 */
import { spawn } from 'node:child_process'

const CLI = ['--import', 'tsx', 'src/interfaces/cli/main.ts']

/** What a run printed and how it exited. */
export interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  /** Piped to standard input (empty by default). */
  readonly stdin?: string | Buffer
  /** Added to the environment (e.g. `DATELINE_DB`). */
  readonly env?: Readonly<Record<string, string>>
}

/** Runs `dateline ARGS` and collects its output. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], {
      cwd: process.cwd(),
      // No colour, whatever the terminal the tests run from.
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }))
    child.stdin.end(options.stdin ?? '')
  })
}
