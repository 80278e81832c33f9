// The DataSource the TypeORM CLI loads (`npm run migration:*`); apps use DatabaseModule instead.
import 'reflect-metadata';
import { validateEnvironment } from '@app/config';
import { DataSource } from 'typeorm';
import { ownerDataSourceOptions } from './data-source-options';

export default new DataSource(ownerDataSourceOptions(validateEnvironment(process.env).DATABASE_URL));
