import type { Definition } from './api.ts';

type Text = Record<string, string>;

/** One text of a questionnaire's definition: where it is, for reading and for writing a translation. */
export interface TextEntry {
  /** As the server names it in survey_incomplete: 'definition.sections.0.questions.1.text'. */
  path: string;
  section: number;
  question: number | null;
  field: 'title' | 'text' | 'help' | 'choice' | 'row';
  /** Position of the choice or row, from 1. */
  item: number | null;
  text: Text;
}

/** Every text of the definition, in reading order (what the translation view lists). */
export function definitionTexts(d: Definition): TextEntry[] {
  const out: TextEntry[] = [];
  for (const [i, s] of d.sections.entries()) {
    const at = `definition.sections.${i}`;
    out.push({ path: `${at}.title`, section: i, question: null, field: 'title', item: null, text: s.title });
    for (const [j, q] of s.questions.entries()) {
      const qa = `${at}.questions.${j}`;
      const base = { section: i, question: j };
      out.push({ ...base, path: `${qa}.text`, field: 'text', item: null, text: q.text });
      if (q.help) out.push({ ...base, path: `${qa}.help`, field: 'help', item: null, text: q.help });
      for (const [k, c] of q.choices.entries())
        out.push({ ...base, path: `${qa}.choices.${k}.label`, field: 'choice', item: k + 1, text: c.label });
      for (const [k, r] of q.rows.entries())
        out.push({ ...base, path: `${qa}.rows.${k}.label`, field: 'row', item: k + 1, text: r.label });
    }
  }
  return out;
}

/** The definition with one text changed in one language (emptied text is left out of that language). */
export function withText(d: Definition, path: string, language: string, value: string): Definition {
  const copy = structuredClone(d);
  const keys = path.split('.').slice(1);
  let node: unknown = copy;
  for (const k of keys) node = (node as Record<string, unknown>)[k];
  const text = node as Text;
  if (value.trim()) text[language] = value;
  else delete text[language];
  return copy;
}

/** Where a path points, as numbers a person can find: section, question, choice or row. */
export function placeOf(path: string): { section?: number; question?: number; field: string; item?: number } {
  const parts = path.split('.');
  if (parts[0] !== 'definition') return { field: parts[0]! };
  const section = Number(parts[2]) + 1;
  if (parts[3] !== 'questions') return { section, field: 'title' };
  const question = Number(parts[4]) + 1;
  const field = parts[5]!;
  if (field === 'choices' || field === 'rows')
    return { section, question, field: field === 'choices' ? 'choice' : 'row', item: Number(parts[6]) + 1 };
  return { section, question, field };
}
