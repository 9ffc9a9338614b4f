import type { ApiMap } from '../../http/route.ts';

export const designsApi = {} as const satisfies ApiMap;
