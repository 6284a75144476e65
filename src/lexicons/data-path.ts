import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The project's `data/` folder, found from this module whether it runs from `src/` (tsx) or from
 * `dist/` (the built package): the first ancestor holding `data/`.
 */
function findDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'data')
    if (existsSync(join(candidate, 'entities'))) return candidate
    dir = dirname(dir)
  }
  throw new Error('Dateline data folder not found beside the installed package')
}

let cached: string | undefined

/** Absolute path of a file under `data/`, e.g. `dataPath('entities/rules.json')`. */
export function dataPath(relative: string): string {
  cached ??= findDataDir()
  return join(cached, relative)
}
