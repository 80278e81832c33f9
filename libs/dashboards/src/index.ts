export * from './dashboard-range';
export * from './dashboard.repository';
export * from './dashboard.service';
export * from './dashboards.module';
