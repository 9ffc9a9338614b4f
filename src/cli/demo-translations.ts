import * as catalogue from '../server/modules/training/catalogue.service.ts';
import * as glossary from '../server/modules/translations/translations.glossary.ts';
import * as translations from '../server/modules/translations/translations.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import type { LocalizedText } from '../server/shared/text.ts';
import { DEMO_GLOSSARY } from './demo-glossary.ts';

/**
 * The standard's glossary in five languages, a translator into the four languages beside English, and
 * work in progress: the first module's English summary was just extended, so its Russian, Uzbek and
 * Filipino summaries are stale, and the Nepali translator has sent the updated text for review.
 */
export async function seedDemoTranslations(ctx: Ctx, translatorAccountId: string) {
  for (const entry of DEMO_GLOSSARY) await glossary.addTerm(ctx, entry);
  await translations.setTranslatorLanguages(ctx, translatorAccountId, ['ru', 'uz', 'ne', 'fil']);
  const [first] = await catalogue.listModules(ctx, {});
  if (!first) return;
  const summary: LocalizedText = first.summary;
  await catalogue.updateModule(ctx, first.id, {
    summary: { ...summary, en: `${summary.en} Each participant leaves with a lesson plan tried in their own class.` },
  });
  if (summary.ne)
    await translations.saveTranslations(ctx, 'module', first.id, 'ne', [
      {
        key: 'summary',
        text: `${summary.ne} प्रत्येक सहभागी आफ्नै कक्षामा प्रयोग गरिएको पाठ योजना लिएर फर्कन्छन्।`,
        status: 'review',
      },
    ]);
}
