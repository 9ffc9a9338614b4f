import { z } from 'zod';

/** Data text in several languages: `{ en: 'District', ne: 'जिल्ला' }`. */
export const LocalizedTextSchema = z
  .record(z.string().min(2).max(10), z.string().trim().min(1).max(2000))
  .refine((t) => Object.keys(t).length > 0, 'Give the text in at least one language.');
export { type LocalizedText, type ResolvedText, resolveText } from './localized.ts';
