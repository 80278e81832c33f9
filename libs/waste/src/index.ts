export * from './bulk-slots';
export * from './transfer-watch';
export * from './waste-csv';
export * from './waste-csv.service';
export * from './waste-records.repository';
export * from './waste-records.service';
export * from './waste-roles';
export * from './waste.module';
