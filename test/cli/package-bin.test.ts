/**
 * The package's `dateline` command as `npm install` leaves it: the built bin file exists and can
 * be run directly (`npx dateline`), which needs its executable bit (the build sets it; the
 * compiler writes plain files).
 */
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { test } from 'node:test'

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; version: string }
const bin = pkg.bin['dateline'] ?? ''
const SKIP = existsSync(bin) ? false : `${bin} is not built (run npm run build)`

test('the built dateline bin is executable and prints its version', { skip: SKIP }, () => {
  accessSync(bin, constants.X_OK)
  const out = execFileSync(bin, ['--version'], { encoding: 'utf8' })
  assert.equal(out.trim(), pkg.version)
})
