/**
 * Writes shared/snapshot/user-field-readers.ts from the field tables (shared/snapshot/field-reader-source.ts).
 * Run after changing a row of SKYPE_USER_FIELDS or UM_MAILBOX_FIELDS: node --import tsx scripts/generate-field-readers.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldReaderSource } from '../shared/snapshot/field-reader-source';

const file = join(import.meta.dirname, '..', 'shared', 'snapshot', 'user-field-readers.ts');
writeFileSync(file, fieldReaderSource());
console.log(`wrote ${file}`);
