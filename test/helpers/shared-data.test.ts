import { describe, expect, it } from 'vitest';
import { SHARED_DATA, sharedDataDir, skipWithoutSharedData } from './shared-data.ts';

const MISSING = '/nonexistent/shared/data/iclr2020';

describe('skipWithoutSharedData', () => {
  it('runs the tests when the data is there, in CI or not', () => {
    expect(skipWithoutSharedData(SHARED_DATA, {})).toBe(false);
    expect(skipWithoutSharedData(SHARED_DATA, { CI: 'true' })).toBe(false);
  });

  it('skips on a developer machine without the data', () => {
    expect(skipWithoutSharedData(MISSING, {})).toBe(true);
    expect(skipWithoutSharedData(MISSING, { CI: 'false' })).toBe(true);
    expect(skipWithoutSharedData(MISSING, { CI: '' })).toBe(true);
  });

  it('fails under CI=true, naming the missing path', () => {
    expect(() => skipWithoutSharedData(MISSING, { CI: 'true' })).toThrow(
      `shared data: ${MISSING} is missing`,
    );
    expect(() => skipWithoutSharedData(MISSING, { CI: '1' })).toThrow(MISSING);
  });
});

describe('sharedDataDir', () => {
  it('is ../shared/data beside the repository, or SHARED_DATA_DIR, ending with a separator', () => {
    expect(sharedDataDir({})).toMatch(/\/shared\/data\/$/);
    expect(sharedDataDir({ SHARED_DATA_DIR: '/srv/data' })).toBe('/srv/data/');
  });
});
