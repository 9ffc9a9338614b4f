/**
 * The queries that show an offering's enrolments: its page, roster and attendance sheet, and every
 * list of offerings (their seats taken). A write that places, withdraws or records people reloads
 * all of them, so a list never shows older figures than the offering's page.
 */
export const offeringKeys = (offeringId: string): unknown[][] => [
  ['offering', offeringId],
  ['roster', offeringId],
  ['attendance', offeringId],
  ['offerings'],
];
