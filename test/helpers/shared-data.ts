import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `../shared/data` beside the repository (CI lays it there too): the larger real data sets
 * tests read directly, never copied into the project. `SHARED_DATA_DIR` points elsewhere, for
 * a copy of the repository that is not beside it (Stryker's sandbox). Ends with a separator.
 */
export const SHARED_DATA = sharedDataDir(process.env);

export function sharedDataDir(env: NodeJS.ProcessEnv): string {
  const dir = env.SHARED_DATA_DIR
    ? resolve(env.SHARED_DATA_DIR)
    : fileURLToPath(new URL('../../../shared/data/', import.meta.url));
  return join(dir, '/');
}

/**
 * For `it.skipIf(...)`: true when `path` (under ../shared/data) is missing and the tests that
 * read it may be skipped — on a developer's machine without the folder. Under `CI=true` a
 * missing path throws instead, failing the test file: CI never passes by skipping.
 */
export function skipWithoutSharedData(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (existsSync(path)) return false;
  if (isCi(env)) {
    throw new Error(
      `shared data: ${path} is missing; under CI=true the tests that read it fail instead of skipping`,
    );
  }
  return true;
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}
