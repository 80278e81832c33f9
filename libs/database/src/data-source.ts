// The DataSource the TypeORM CLI loads (`npm run migration:*`); apps use DatabaseModule instead.
import 'reflect-metadata';
import { validateEnvironment } from '@app/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(dataSourceOptions(validateEnvironment(process.env).DATABASE_URL));
