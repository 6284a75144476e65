/** openStore: a SQLite path or `:memory:`, migrated on open; one-line errors naming the target. */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { DatelineError } from '../../src/core/errors.js'
import { openStore } from '../../src/storage/open-store.js'

const dir = mkdtempSync(join(tmpdir(), 'dateline-open-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('a new SQLite file is created, migrated, and opens again', async () => {
  const path = join(dir, 'new.db')
  const store = await openStore(path)
  assert.equal((await store.counts()).articles, 0)
  await store.close()
  const again = await openStore(path)
  assert.equal((await again.counts()).events, 0)
  await again.close()
})

test(':memory: opens a private database', async () => {
  const store = await openStore(':memory:')
  assert.equal((await store.counts()).articles, 0)
  await store.close()
})

test('a path that cannot be opened fails with STORE_FAILED, naming it on one line', async () => {
  const path = join(dir, 'no-such-dir', 'x.db')
  await assert.rejects(openStore(path), (error: unknown) => {
    assert.ok(error instanceof DatelineError)
    assert.equal(error.code, 'STORE_FAILED')
    assert.ok(error.message.includes(path), error.message)
    assert.ok(!error.message.includes('\n'))
    return true
  })
})

test('a file that is not a database fails with STORE_FAILED', async () => {
  const path = join(dir, 'not-a-db.db')
  const { writeFileSync } = await import('node:fs')
  writeFileSync(path, 'this is not a SQLite database, just text that is long enough '.repeat(40))
  await assert.rejects(openStore(path), (error: unknown) => {
    assert.ok(error instanceof DatelineError && error.code === 'STORE_FAILED')
    assert.ok(error.message.includes(path), error.message)
    return true
  })
})

test('a PostgreSQL URL that cannot be reached fails without showing its password', async () => {
  // Port 1 on the loopback refuses at once.
  const url = 'postgres://dateline:s3cret@127.0.0.1:1/dateline'
  await assert.rejects(openStore(url), (error: unknown) => {
    assert.ok(error instanceof DatelineError && error.code === 'STORE_FAILED')
    assert.ok(!error.message.includes('s3cret'), error.message)
    assert.ok(error.message.includes('127.0.0.1:1'), error.message)
    return true
  })
})

test('a closed store refuses further calls', async () => {
  const store = await openStore(':memory:')
  await store.close()
  await store.close()
  await assert.rejects(store.counts(), /closed/)
})
