// The explicit, ordered migration list (no globs) used by the app, the CLI and tests.
// Append new migrations at the end; never rename or reorder.
import { Foundation1795677024899 } from './migrations/1795677024899-Foundation';
import { RollupMarks1795677600000 } from './migrations/1795677600000-RollupMarks';

export const MIGRATIONS = [Foundation1795677024899, RollupMarks1795677600000];
