import { message } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import type { PersonExport } from './privacy.schemas.ts';

const MAX_VALUE = 400;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** The export as a readable A4 document: one section per group, one block per record, field: value. */
export function exportPdf(ctx: Ctx, data: PersonExport): Promise<Buffer> {
  const say = (key: string, values?: Record<string, number>) =>
    message(ctx.locale, `messages.privacyReport.${key}`, values);
  const person = data.tables.find((t) => t.table === 'person')?.rows[0];
  const name = person ? `${person.given_name} ${person.family_name}` : data.personId;
  const doc = newPdf(ctx.locale, { title: `${say('title')}: ${name}` });
  write(doc, say('title'), { weight: 'bold', size: 18 });
  write(doc, name, { size: 12 });
  write(doc, `${say('exported')}: ${data.exportedAt}`, { size: 9 });
  let group: string | undefined;
  for (const section of data.tables) {
    if (section.group !== group) {
      group = section.group;
      doc.moveDown();
      write(doc, say(`groups.${section.group}`), { weight: 'bold', size: 14 });
    }
    doc.moveDown(0.5);
    write(doc, `${section.table} · ${say('rows', { n: section.rows.length })}`, { weight: 'bold', size: 10 });
    for (const row of section.rows) {
      doc.moveDown(0.3);
      for (const [key, value] of Object.entries(row)) {
        if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
        write(doc, `${key}: ${shown(value)}`, { size: 8 });
      }
    }
  }
  if (data.recordedAboutOthers.length > 0) {
    doc.moveDown();
    write(doc, say('others'), { weight: 'bold', size: 14 });
    for (const r of data.recordedAboutOthers) write(doc, `${r.table}: ${r.count}`, { size: 9 });
  }
  doc.moveDown();
  write(doc, say('notes'), { weight: 'bold', size: 12 });
  for (const note of data.notes) write(doc, note, { size: 9 });
  return pdfBytes(doc);
}
