import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import type { FileStore } from '../../shared/storage.ts';
import { communityOfPracticeRoutes } from './communities.routes.ts';
import { competitionRoutes } from './competitions.routes.ts';
import { eventRoutes } from './events.routes.ts';
import { resourceRoutes } from './resources.routes.ts';

export interface CommunityDeps {
  database: Database;
  files: FileStore;
}

/**
 * Community and knowledge sharing: the resource library and its search, and events (communities and
 * competitions to come). Each part registers its routes here.
 */
export function communityRoutes(app: ZodApp, deps: CommunityDeps) {
  for (const register of COMMUNITY_PARTS) register(app, deps);
}

const COMMUNITY_PARTS: ((app: ZodApp, deps: CommunityDeps) => void)[] = [
  resourceRoutes,
  eventRoutes,
  competitionRoutes,
  communityOfPracticeRoutes,
];
