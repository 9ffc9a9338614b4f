import * as reviews from '../server/modules/assessment/reviews.service.ts';
import * as rules from '../server/modules/recognition/rules.service.ts';
import * as training from '../server/modules/training/catalogue.service.ts';
import type { Ctx } from '../server/shared/context.ts';

type Framework = { id: string; items: { id: string; code: string; type: string }[] };

/**
 * The demo's recognition: an automatic badge for Knowledge Acquisition confirmed in every aspect
 * (A1.1 to A6.1), which the teachers the regional assessor confirmed receive when it is activated; and a master-trainer certificate needing approval (the master-trainer programme
 * completed and pedagogy, A3.3, confirmed at Knowledge Creation). The assessor then confirms the
 * demo trainer's pedagogy, so the certificate waits in the assessor's approval queue.
 */
export async function seedDemoRecognition(
  ctx: Ctx,
  framework: Framework,
  demo: { trainerId: string; assessor: { id: string; accountId: string } },
) {
  const item = (code: string) => framework.items.find((i) => i.code === code)!.id;
  const programme = (await training.listProgrammes(ctx)).find((p) => p.code === 'MTP')!;
  const foundations = await rules.createRule(ctx, {
    name: {
      en: 'ICT foundations for teaching',
      ru: 'Основы ИКТ в преподавании',
      uz: 'O‘qitishda AKT asoslari',
      ne: 'शिक्षणमा सूचना प्रविधिका आधार',
      fil: 'Mga batayan ng ICT sa pagtuturo',
    },
    description: {
      en: 'Knowledge Acquisition confirmed in every aspect of the national standard.',
      ru: 'Уровень «Освоение знаний» подтверждён по всем аспектам национального стандарта.',
      uz: 'Milliy standartning har bir yo‘nalishi bo‘yicha «Bilimlarni egallash» darajasi tasdiqlangan.',
      ne: 'राष्ट्रिय मापदण्डका सबै पक्षमा ज्ञान आर्जन तह पुष्टि भएको।',
      fil: 'Kumpirmadong nasa antas na Pagkakamit ng kaalaman sa bawat aspeto ng pambansang pamantayan.',
    },
    criteria: {
      en: 'An assessor confirmed the first competency of each of the six aspects (A1.1 to A6.1) at Knowledge Acquisition or above.',
      ru: 'Эксперт подтвердил первую компетенцию каждого из шести аспектов (A1.1–A6.1) на уровне «Освоение знаний» или выше.',
      uz: 'Baholovchi oltita yo‘nalishning har biridagi birinchi kompetensiyani (A1.1–A6.1) «Bilimlarni egallash» yoki undan yuqori darajada tasdiqlagan.',
      ne: 'मूल्याङ्कनकर्ताले छवटै पक्षको पहिलो दक्षता (A1.1 देखि A6.1) ज्ञान आर्जन वा माथिल्लो तहमा पुष्टि गरेको।',
      fil: 'Kinumpirma ng isang tagatasa ang unang kakayahan ng bawat isa sa anim na aspeto (A1.1 hanggang A6.1) sa antas na Pagkakamit ng kaalaman o mas mataas.',
    },
    achievementType: 'Badge',
    frameworkId: framework.id,
    condition: {
      type: 'all',
      conditions: ['A1.1', 'A2.1', 'A3.1', 'A4.1', 'A5.1', 'A6.1'].map((code) => ({
        type: 'competency' as const,
        itemId: item(code),
        levelCode: 'KA',
      })),
    },
    mode: 'automatic',
  });
  await rules.setStatus(ctx, foundations.id, 'active');

  const master = await rules.createRule(ctx, {
    name: {
      en: 'Master trainer',
      ru: 'Мастер-тренер',
      uz: 'Master-trener',
      ne: 'मास्टर प्रशिक्षक',
      fil: 'Dalubhasang tagapagsanay',
    },
    description: {
      en: 'Prepares and coaches the trainers who teach teachers in their region.',
      ru: 'Готовит и сопровождает тренеров, которые обучают учителей своего региона.',
      uz: 'O‘z viloyatida o‘qituvchilarni o‘qitadigan trenerlarni tayyorlaydi va ularga murabbiylik qiladi.',
      ne: 'आफ्नो प्रदेशका शिक्षकलाई तालिम दिने प्रशिक्षकहरूलाई तयार पार्छ र कोचिङ गर्छ।',
      fil: 'Inihahanda at ginagabayan bilang coach ang mga tagapagsanay na nagsasanay sa mga guro ng kanilang rehiyon.',
    },
    criteria: {
      en: 'Completed the master-trainer programme, and an assessor confirmed pedagogy (A3.3) at Knowledge Creation.',
      ru: 'Прошёл программу подготовки мастер-тренеров; эксперт подтвердил педагогику (A3.3) на уровне «Создание знаний».',
      uz: 'Master-trenerlar tayyorlash dasturini tugatgan; baholovchi pedagogikani (A3.3) «Bilim yaratish» darajasida tasdiqlagan.',
      ne: 'मास्टर प्रशिक्षक कार्यक्रम पूरा गरेको, र मूल्याङ्कनकर्ताले शिक्षणशास्त्र (A3.3) ज्ञान सिर्जना तहमा पुष्टि गरेको।',
      fil: 'Nakatapos ng programa para sa dalubhasang tagapagsanay, at kinumpirma ng isang tagatasa ang pedagohiya (A3.3) sa antas na Paglikha ng kaalaman.',
    },
    achievementType: 'Certificate',
    frameworkId: framework.id,
    condition: {
      type: 'all',
      conditions: [
        { type: 'programme', programmeId: programme.id },
        { type: 'competency', itemId: item('A3.3'), levelCode: 'KC' },
      ],
    },
    mode: 'approval',
  });
  await rules.setStatus(ctx, master.id, 'active');

  // Rated after the rule is active: the rating itself puts the certificate in the queue.
  await reviews.rate(
    {
      ...ctx,
      actor: { ...ctx.actor, personId: demo.assessor.id, accountId: demo.assessor.accountId, username: 'assessor' },
    },
    demo.trainerId,
    {
      frameworkId: framework.id,
      itemId: item('A3.3'),
      levelCode: 'KC',
      evidenceIds: [],
      comment: 'Observed leading the regional cascade workshop.',
    },
  );
}
