import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { FrameworkItem } from '../api/types.ts';
import { languageName } from '../i18n/index.ts';
import '../translations/marks.css';
import { LocalText } from '../shell/LocalText.tsx';
import { Description } from './Description.tsx';
import { inTreeOrder, type Section, sectionText, subtreeOf, withLanguage } from './editing.ts';

type Write = (work: () => Promise<unknown>) => Promise<boolean>;
const ITEM_TYPES = ['aspect', 'competency', 'indicator'] as const;

function LevelSelect({ section, value, onChange }: { section: Section; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  if (section.framework.levels.length === 0) return null;
  return (
    <label>
      {t('frameworks.level')}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('frameworks.editor.noLevel')}</option>
        {section.framework.levels.map((l) => (
          <option key={l.code} value={l.code}>
            {l.code} · {sectionText(section, l.title).text}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The same text in the framework's first language, beside a field being translated. */
function Reference({ section, value }: { section: Section; value: Record<string, string> }) {
  const first = section.framework.languages[0]!;
  if (section.language === first || !value[first]) return null;
  return (
    <span className="muted reference" lang={first}>
      {languageName(first)}: {value[first]}
    </span>
  );
}

export function AddItemForm({ section, write, onDone }: { section: Section; write: Write; onDone: () => void }) {
  const { t } = useTranslation();
  const f = section.framework;
  const language = languageName(section.language);
  const [parentId, setParentId] = useState('');
  const [type, setType] = useState<(typeof ITEM_TYPES)[number]>('competency');
  const [code, setCode] = useState('');
  const [levelCode, setLevelCode] = useState('');
  const [title, setTitle] = useState('');
  const [statement, setStatement] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await write(() =>
      call('POST /api/frameworks/:frameworkId/items', {
        params: { frameworkId: f.id },
        body: {
          parentId: parentId || null,
          type,
          code,
          levelCode: levelCode || null,
          title: { [section.language]: title },
          // An aspect only groups competencies: like the template's, its statement is its title.
          statement: { [section.language]: statement.trim() || title },
        },
      }),
    );
    if (ok) onDone();
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-label={t('frameworks.editor.add')}>
      <div className="filters">
        <label>
          {t('frameworks.editor.parent')}
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('frameworks.editor.top')}</option>
            {inTreeOrder(f.items).map(({ item, depth }) => (
              <option key={item.id} value={item.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {item.code} {sectionText(section, item.title).text}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('frameworks.editor.type')}
          <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            {ITEM_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`frameworks.type.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('frameworks.editor.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} />
        </label>
        {type !== 'aspect' && <LevelSelect section={section} value={levelCode} onChange={setLevelCode} />}
      </div>
      <label>
        {t('frameworks.editor.title', { language })}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={2000} />
      </label>
      <label>
        {t('frameworks.editor.statement', { language })}
        <textarea
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          required={type !== 'aspect'}
          maxLength={2000}
          rows={3}
        />
      </label>
      <div className="inline">
        <button type="submit">{t('frameworks.editor.addSubmit')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('frameworks.editor.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Code, level, and the title, statement and notes in the editing language. */
export function EditItemForm({
  section,
  item,
  write,
  onDone,
}: {
  section: Section;
  item: FrameworkItem;
  write: Write;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = section.language;
  const language = languageName(lang);
  const [code, setCode] = useState(item.code);
  const [levelCode, setLevelCode] = useState(item.levelCode ?? '');
  const [title, setTitle] = useState(item.title[lang] ?? '');
  const [statement, setStatement] = useState(item.statement[lang] ?? '');
  const [notes, setNotes] = useState(item.notes[lang] ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (code !== item.code) body.code = code;
    if (levelCode !== (item.levelCode ?? '')) body.levelCode = levelCode || null;
    const changed = (value: Record<string, string>, text: string) => (value[lang] ?? '') !== text.trim();
    if (changed(item.title, title)) body.title = withLanguage(item.title, lang, title);
    if (changed(item.statement, statement)) body.statement = withLanguage(item.statement, lang, statement);
    if (changed(item.notes, notes)) body.notes = withLanguage(item.notes, lang, notes);
    if (Object.keys(body).length === 0) return onDone();
    const ok = await write(() =>
      call('PATCH /api/frameworks/:frameworkId/items/:itemId', {
        params: { frameworkId: section.framework.id, itemId: item.id },
        body,
      }),
    );
    if (ok) onDone();
  }

  return (
    <form
      className="panel"
      onSubmit={(e) => void submit(e)}
      aria-label={t('frameworks.editor.editItem', { code: item.code })}
    >
      <div className="filters">
        <label>
          {t('frameworks.editor.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} />
        </label>
        {item.type !== 'aspect' && <LevelSelect section={section} value={levelCode} onChange={setLevelCode} />}
      </div>
      <label>
        {t('frameworks.editor.title', { language })}
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={2000} />
        <Reference section={section} value={item.title} />
      </label>
      <label>
        {t('frameworks.editor.statement', { language })}
        <textarea value={statement} onChange={(e) => setStatement(e.target.value)} maxLength={2000} rows={3} />
        <Reference section={section} value={item.statement} />
      </label>
      <label>
        {t('frameworks.editor.notes', { language })}
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} rows={2} />
        <Reference section={section} value={item.notes} />
      </label>
      <div className="inline">
        <button type="submit">{t('frameworks.editor.save')}</button>
        <button type="button" className="secondary" onClick={onDone}>
          {t('frameworks.editor.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A new parent for an item (anything but itself and its own subtree); it goes last among its new siblings. */
export function MoveItemForm({
  section,
  item,
  write,
  onDone,
}: {
  section: Section;
  item: FrameworkItem;
  write: Write;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const f = section.framework;
  const [parentId, setParentId] = useState(item.parentId ?? '');
  const excluded = subtreeOf(f.items, item.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parent = parentId || null;
    const position = f.items.filter((i) => i.parentId === parent && i.id !== item.id).length;
    const ok = await write(() =>
      call('POST /api/frameworks/:frameworkId/items/:itemId/move', {
        params: { frameworkId: f.id, itemId: item.id },
        body: { parentId: parent, position },
      }),
    );
    if (ok) onDone();
  }

  return (
    <form className="inline" onSubmit={(e) => void submit(e)}>
      <label>
        {t('frameworks.editor.newParent', { code: item.code })}
        <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">{t('frameworks.editor.top')}</option>
          {inTreeOrder(f.items)
            .filter(({ item: candidate }) => !excluded.has(candidate.id))
            .map(({ item: candidate, depth }) => (
              <option key={candidate.id} value={candidate.id}>
                {'\u00a0\u00a0'.repeat(depth)}
                {candidate.code} {sectionText(section, candidate.title).text}
              </option>
            ))}
        </select>
      </label>
      <button type="submit">{t('frameworks.editor.moveSubmit')}</button>
      <button type="button" className="secondary" onClick={onDone}>
        {t('frameworks.editor.cancel')}
      </button>
    </form>
  );
}

export function ItemLine({ section, item }: { section: Section; item: FrameworkItem }) {
  const { t } = useTranslation();
  const level = section.framework.levels.find((l) => l.code === item.levelCode);
  const missing = item.missingLanguages.includes(section.language);
  const stale = !missing && item.staleLanguages.includes(section.language);
  return (
    <>
      <p>
        <strong>{item.code}</strong> <LocalText value={sectionText(section, item.title)} />
        {level && (
          <span className="muted">
            {' '}
            · {t('frameworks.level')}: <LocalText value={sectionText(section, level.title)} />
          </span>
        )}
        {missing && (
          <span className="tag tag-missing">
            {t('frameworks.editor.missingHere', { language: languageName(section.language) })}
          </span>
        )}
        {stale && (
          <span className="tag tag-stale">
            {t('translations.staleHere', { language: languageName(section.language) })}
          </span>
        )}
      </p>
      {item.type !== 'aspect' && (
        <Description section={section} value={item.statement} html={item.descriptionHtml} className="statement" />
      )}
    </>
  );
}
