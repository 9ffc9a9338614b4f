import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { FrameworkItem } from '../api/types.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { childrenOf, type Section, sectionText, useFrameworkWrite } from './editing.ts';
import { AddItemForm, EditItemForm, ItemLine, MoveItemForm } from './ItemForms.tsx';

type Mode = { itemId: string; kind: 'edit' | 'move' } | null;

/** The levels and the item tree; on a draft, every item can be edited, moved, reordered and deleted. */
export function ItemsEditor({ section }: { section: Section }) {
  const { t } = useTranslation();
  const f = section.framework;
  const write = useFrameworkWrite(f.id);
  const [adding, setAdding] = useState(false);
  const [mode, setMode] = useState<Mode>(null);

  const reorder = (item: FrameworkItem, siblings: FrameworkItem[], by: -1 | 1) => {
    const position = siblings.indexOf(item) + by;
    void write.run(() =>
      call('POST /api/frameworks/:frameworkId/items/:itemId/move', {
        params: { frameworkId: f.id, itemId: item.id },
        body: { parentId: item.parentId, position },
      }),
    );
  };

  const remove = (item: FrameworkItem) => {
    const below = f.items.filter((i) => i.parentId === item.id).length;
    const question = below
      ? t('frameworks.editor.deleteConfirmTree', { code: item.code })
      : t('frameworks.editor.deleteConfirm', { code: item.code });
    if (!window.confirm(question)) return;
    void write.run(() =>
      call('DELETE /api/frameworks/:frameworkId/items/:itemId', { params: { frameworkId: f.id, itemId: item.id } }),
    );
  };

  const tree = (parentId: string | null) => {
    const siblings = childrenOf(f.items, parentId);
    return (
      <ul className={parentId ? 'items' : 'items items-root'}>
        {siblings.map((item, index) => {
          const editing = mode?.itemId === item.id ? mode.kind : null;
          return (
            <li
              key={item.id}
              className={
                item.missingLanguages.includes(section.language)
                  ? 'missing-here'
                  : item.staleLanguages.includes(section.language)
                    ? 'stale-here'
                    : undefined
              }
            >
              {editing === 'edit' ? (
                <EditItemForm section={section} item={item} write={write.run} onDone={() => setMode(null)} />
              ) : (
                <ItemLine section={section} item={item} />
              )}
              {editing === 'move' && (
                <MoveItemForm section={section} item={item} write={write.run} onDone={() => setMode(null)} />
              )}
              {section.editable && !editing && (
                <div className="item-actions">
                  <button
                    type="button"
                    className="link"
                    aria-label={t('frameworks.editor.editItem', { code: item.code })}
                    onClick={() => setMode({ itemId: item.id, kind: 'edit' })}
                  >
                    {t('frameworks.editor.edit')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    aria-label={t('frameworks.editor.moveItem', { code: item.code })}
                    onClick={() => setMode({ itemId: item.id, kind: 'move' })}
                  >
                    {t('frameworks.editor.move')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={index === 0 || write.busy}
                    aria-label={t('frameworks.editor.upItem', { code: item.code })}
                    onClick={() => reorder(item, siblings, -1)}
                  >
                    {t('frameworks.editor.up')}
                  </button>
                  <button
                    type="button"
                    className="link"
                    disabled={index === siblings.length - 1 || write.busy}
                    aria-label={t('frameworks.editor.downItem', { code: item.code })}
                    onClick={() => reorder(item, siblings, 1)}
                  >
                    {t('frameworks.editor.down')}
                  </button>
                  <button
                    type="button"
                    className="link danger"
                    aria-label={t('frameworks.editor.deleteItem', { code: item.code })}
                    onClick={() => remove(item)}
                  >
                    {t('frameworks.editor.delete')}
                  </button>
                </div>
              )}
              {childrenOf(f.items, item.id).length > 0 && tree(item.id)}
            </li>
          );
        })}
      </ul>
    );
  };

  return (
    <>
      <h2>{t('frameworks.levels')}</h2>
      <ol className="levels">
        {f.levels.map((l) => (
          <li key={l.id}>
            <strong>
              <LocalText value={sectionText(section, l.title)} />
            </strong>
            {Object.keys(l.description).length > 0 && (
              <>
                {' '}
                — <LocalText value={sectionText(section, l.description)} />
              </>
            )}
          </li>
        ))}
      </ol>
      <h2>{t('frameworks.items')}</h2>
      {section.editable &&
        (adding ? (
          <AddItemForm section={section} write={write.run} onDone={() => setAdding(false)} />
        ) : (
          <p>
            <button type="button" onClick={() => setAdding(true)}>
              {t('frameworks.editor.add')}
            </button>
          </p>
        ))}
      {write.failure ? <ErrorText error={write.failure} /> : null}
      {f.items.length === 0 ? <p>{t('frameworks.editor.empty')}</p> : tree(null)}
    </>
  );
}
