import type { QueryKey } from '@tanstack/react-query';
import { queryKey } from '../api/routes.ts';

/**
 * The queries that show an offering's enrolments: its page, roster and attendance sheet, and every
 * list of offerings (their seats taken). A write that places, withdraws or records people reloads
 * all of them, so a list never shows older figures than the offering's page.
 */
export const offeringKeys = (offeringId: string): QueryKey[] => [
  queryKey('GET /api/offerings/:offeringId', { params: { offeringId } }),
  queryKey('GET /api/offerings/:offeringId/enrolments', { params: { offeringId } }),
  queryKey('GET /api/offerings/:offeringId/attendance', { params: { offeringId } }),
  ['GET /api/offerings'],
];
