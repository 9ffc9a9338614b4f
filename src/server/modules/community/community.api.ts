import type { CommunitiesApi } from './communities.api.ts';
import type { competitionsApi } from './competitions.api.ts';
import type { eventsApi } from './events.api.ts';
import type { ResourcesApi } from './resources.api.ts';

/** The community module's route maps, joined for the web client. */
export type CommunityApi = ResourcesApi & typeof eventsApi & CommunitiesApi & typeof competitionsApi;
