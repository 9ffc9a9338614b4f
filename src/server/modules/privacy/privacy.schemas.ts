import { z } from 'zod';

export const GROUPS = [
  'identity',
  'competency',
  'evidence',
  'practice',
  'training',
  'plans',
  'recognition',
  'surveys',
  'community',
  'notifications',
  'audit',
] as const;

export const ExportQuery = z.strictObject({
  format: z.enum(['json', 'pdf']).default('json').describe('json (the default) or a readable PDF in your language.'),
});

/** Everything about one person: rows as stored (JSON text shown as JSON), secrets left out. */
export const PersonExport = z.object({
  format: z.literal('pathway-person-export/1'),
  exportedAt: z.string(),
  personId: z.string(),
  tables: z.array(
    z.object({ table: z.string(), group: z.enum(GROUPS), rows: z.array(z.record(z.string(), z.unknown())) }),
  ),
  recordedAboutOthers: z.array(z.object({ table: z.string(), count: z.number(), ids: z.array(z.string()) })),
  notes: z.array(z.string()),
});
export type PersonExport = z.infer<typeof PersonExport>;

export const EraseBody = z.strictObject({
  /** The person's id again: an erasure cannot be undone, so the caller names whom twice. */
  confirm: z.string().min(1).describe("The person's id, repeated: erasure cannot be undone."),
});

export const ErasureResult = z.object({
  personId: z.string(),
  pseudonym: z.string(),
  accountsDisabled: z.number(),
  evidenceFilesRemoved: z.number(),
  /** Files of library resources the person alone wrote (co-authored resources keep theirs). */
  libraryFilesRemoved: z.number(),
  /** Of those resources, the ones shared or published that went back to a private draft. */
  resourcesWithdrawn: z.number(),
  /** Files the person added to competition applications and reports. */
  competitionFilesRemoved: z.number(),
  mailRemoved: z.number(),
  textsRedacted: z.number(),
  /** Files the store would not remove (see erasePerson for where their keys point). */
  filesNotRemoved: z.number(),
  credentials: z.number(),
});
export type ErasureResult = z.infer<typeof ErasureResult>;
