// The explicit, ordered migration list (no globs) used by the app, the CLI and tests.
// Append new migrations at the end; never rename or reorder.
import { Foundation1795677024899 } from './migrations/1795677024899-Foundation';
import { RollupMarks1795677600000 } from './migrations/1795677600000-RollupMarks';
import { ImprovementRecords1795680000000 } from './migrations/1795680000000-ImprovementRecords';
import { WasteRecords1795680100000 } from './migrations/1795680100000-WasteRecords';
import { RollupTables1795680200000 } from './migrations/1795680200000-RollupTables';
import { CompactAndBoard1795680300000 } from './migrations/1795680300000-CompactAndBoard';
import { IdentitySessions1796010000000 } from './migrations/1796010000000-IdentitySessions';
import { SingleSignOn1796020000000 } from './migrations/1796020000000-SingleSignOn';
import { PipelineIndexes1796040000000 } from './migrations/1796040000000-PipelineIndexes';
import { RowLevelSecurity1796090000000 } from './migrations/1796090000000-RowLevelSecurity';
import { MinutesLostHundredths1796030000000 } from './migrations/1796030000000-MinutesLostHundredths';

export const MIGRATIONS = [
  Foundation1795677024899,
  RollupMarks1795677600000,
  ImprovementRecords1795680000000,
  WasteRecords1795680100000,
  RollupTables1795680200000,
  CompactAndBoard1795680300000,
  IdentitySessions1796010000000,
  SingleSignOn1796020000000,
  MinutesLostHundredths1796030000000,
  PipelineIndexes1796040000000,
  RowLevelSecurity1796090000000,
];
