import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { FrameworkDetail, FrameworkItem } from '../api/types.ts';
import { languageName } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { inTreeOrder, type Section, sectionText, useFrameworkWrite, withLanguage } from './editing.ts';

type Level = FrameworkDetail['levels'][number];
type Rubric = FrameworkDetail['rubrics'][number];

/** Competencies (rows) by levels (columns): what an assessor looks for, in the editing language. */
export function RubricMatrix({ section }: { section: Section }) {
  const { t } = useTranslation();
  const f = section.framework;
  const write = useFrameworkWrite(f.id);
  const [open, setOpen] = useState<{ itemId: string; levelCode: string } | null>(null);
  const rows = inTreeOrder(f.items).filter(({ item }) => item.type !== 'aspect');
  const cell = (itemId: string, levelCode: string) =>
    f.rubrics.find((r) => r.itemId === itemId && r.levelCode === levelCode);

  if (f.levels.length === 0 || rows.length === 0) {
    return (
      <>
        <h2>{t('frameworks.rubrics.title')}</h2>
        <p>{t('frameworks.rubrics.none')}</p>
      </>
    );
  }
  return (
    <>
      <h2>{t('frameworks.rubrics.title')}</h2>
      <p className="muted">{t('frameworks.rubrics.help', { language: languageName(section.language) })}</p>
      {write.failure ? <ErrorText error={write.failure} /> : null}
      <div className="scroll">
        <table className="rubrics">
          <caption className="visually-hidden">{t('frameworks.rubrics.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('frameworks.rubrics.competency')}</th>
              {f.levels.map((l) => (
                <th key={l.code} scope="col">
                  <LocalText value={sectionText(section, l.title)} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ item, depth }) => (
              <tr key={item.id}>
                <th scope="row" className={depth > 1 ? 'indented' : undefined}>
                  <strong>{item.code}</strong> <LocalText value={sectionText(section, item.title)} />
                </th>
                {f.levels.map((level) => {
                  const rubric = cell(item.id, level.code);
                  const isOpen = open?.itemId === item.id && open.levelCode === level.code;
                  return (
                    <td key={level.code}>
                      {isOpen ? (
                        <CellForm
                          section={section}
                          item={item}
                          level={level}
                          rubric={rubric}
                          write={write.run}
                          onDone={() => setOpen(null)}
                        />
                      ) : (
                        <>
                          {rubric ? (
                            <LocalText value={sectionText(section, rubric.descriptor)} />
                          ) : (
                            <span className="muted">{t('frameworks.rubrics.empty')}</span>
                          )}
                          {section.editable && (
                            <button
                              type="button"
                              className="link"
                              aria-label={t('frameworks.rubrics.editCell', {
                                code: item.code,
                                level: sectionText(section, level.title).text,
                              })}
                              onClick={() => setOpen({ itemId: item.id, levelCode: level.code })}
                            >
                              {t('frameworks.editor.edit')}
                            </button>
                          )}
                        </>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CellForm({
  section,
  item,
  level,
  rubric,
  write,
  onDone,
}: {
  section: Section;
  item: FrameworkItem;
  level: Level;
  rubric: Rubric | undefined;
  write: (work: () => Promise<unknown>) => Promise<boolean>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = section.language;
  const [text, setText] = useState(rubric?.descriptor[lang] ?? '');
  const params = { frameworkId: section.framework.id, itemId: item.id, levelCode: level.code };
  const clearCell = () => call('DELETE /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode', { params });
  const descriptor = withLanguage(rubric?.descriptor ?? {}, lang, text);

  async function save(event: FormEvent) {
    event.preventDefault();
    // Emptying the only language left clears the cell; otherwise the other languages stay.
    const ok = await write(() =>
      Object.keys(descriptor).length === 0
        ? clearCell()
        : call('PUT /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode', {
            params,
            body: { descriptor, score: rubric?.score ?? null },
          }),
    );
    if (ok) onDone();
  }

  async function clear() {
    if (await write(clearCell)) onDone();
  }

  return (
    <form onSubmit={(e) => void save(e)}>
      <label>
        {t('frameworks.rubrics.descriptor', {
          code: item.code,
          level: sectionText(section, level.title).text,
          language: languageName(lang),
        })}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={2000} />
      </label>
      <div className="inline">
        <button type="submit">{t('frameworks.editor.save')}</button>
        {rubric && (
          <button type="button" className="secondary" onClick={() => void clear()}>
            {t('frameworks.rubrics.clear')}
          </button>
        )}
        <button type="button" className="secondary" onClick={onDone}>
          {t('frameworks.editor.cancel')}
        </button>
      </div>
    </form>
  );
}
