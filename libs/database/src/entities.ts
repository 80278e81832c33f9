// The explicit entity list (no globs), shared by the Nest module, the CLI data source and tests.
import { AuditEntry } from './entities/audit-entry.entity';
import { Trust } from './entities/trust.entity';
import { User } from './entities/user.entity';

export { AuditEntry, Trust, User };
export type { AuditChanges } from './entities/audit-entry.entity';

export const ENTITIES = [Trust, User, AuditEntry];
