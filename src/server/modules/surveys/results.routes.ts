import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';

export function resultExportRoutes(_app: ZodApp, _database: Database) {}
