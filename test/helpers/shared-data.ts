import { fileURLToPath } from 'node:url';

/**
 * `../shared/data` beside the repository (CI lays it there too): the larger real data sets
 * tests read directly, never copied into the project.
 */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
