import * as glossary from '../server/modules/translations/translations.glossary.ts';
import * as translations from '../server/modules/translations/translations.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import { DEMO_GLOSSARY } from './demo-glossary.ts';

/** The standard's glossary in five languages, and a translator into the four languages beside English. */
export async function seedDemoTranslations(ctx: Ctx, translatorAccountId: string) {
  for (const entry of DEMO_GLOSSARY) await glossary.addTerm(ctx, entry);
  await translations.setTranslatorLanguages(ctx, translatorAccountId, ['ru', 'uz', 'ne', 'fil']);
}
