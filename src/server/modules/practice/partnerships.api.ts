import type { ApiMap } from '../../http/route.ts';

export const partnershipsApi = {} as const satisfies ApiMap;
