import type { ApiMap } from '../../http/route.ts';

export const cyclesApi = {} as const satisfies ApiMap;
