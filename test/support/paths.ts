import { join } from 'node:path';

/** The repository root, where package.json and assets/ are. */
export const ROOT = join(__dirname, '..', '..');
