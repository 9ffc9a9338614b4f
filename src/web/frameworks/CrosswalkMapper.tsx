import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, useApiQuery } from '../api/routes.ts';
import { formatNumber } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { inTreeOrder, type Section, sectionText, useFrameworkWrite } from './editing.ts';
import { localResolved, localText } from './text.ts';

const RELATIONS = ['exact_match', 'broader', 'narrower', 'related'] as const;
type Side = ApiResponse<'GET /api/frameworks/:frameworkId/crosswalks/:otherId'>['coverage']['from'];

/** Maps items of this version to items of another framework; mapping changes neither, so any status can be mapped. */
export function CrosswalkMapper({ section }: { section: Section }) {
  const { t, i18n } = useTranslation();
  const f = section.framework;
  const [otherId, setOtherId] = useState('');
  const list = useApiQuery('GET /api/frameworks', {}, {});
  const others = (list.data?.items ?? []).filter((o) => o.id !== f.id);

  return (
    <>
      <h2>{t('frameworks.crosswalk.title')}</h2>
      <QueryState query={list}>
        {() =>
          others.length === 0 ? (
            <p>{t('frameworks.crosswalk.noOthers')}</p>
          ) : (
            <label>
              {t('frameworks.crosswalk.other')}
              <select value={otherId} onChange={(e) => setOtherId(e.target.value)}>
                <option value="">{t('frameworks.alignment.choose')}</option>
                {others.map((o) => (
                  <option key={o.id} value={o.id}>
                    {localText(o.title, i18n.language, o.languages[0])} ·{' '}
                    {t('frameworks.version', { version: o.version })} · {t(`frameworks.status.${o.status}`)}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      </QueryState>
      {otherId && <Mapping key={otherId} section={section} otherId={otherId} />}
    </>
  );
}

function Mapping({ section, otherId }: { section: Section; otherId: string }) {
  const { t } = useTranslation();
  const f = section.framework;
  const write = useFrameworkWrite(f.id);
  const other = useApiQuery('GET /api/frameworks/:frameworkId', { params: { frameworkId: otherId } }, {});
  const crosswalk = useApiQuery(
    'GET /api/frameworks/:frameworkId/crosswalks/:otherId',
    { params: { frameworkId: f.id, otherId } },
    {},
  );
  const [fromItemId, setFromItemId] = useState('');
  const [toItemId, setToItemId] = useState('');
  const [relation, setRelation] = useState<(typeof RELATIONS)[number]>('exact_match');

  const coverage = (side: Side, name: string) => (
    <p className="coverage">
      {t('frameworks.crosswalk.coverage', {
        side: name,
        mapped: formatNumber(side.mapped),
        total: formatNumber(side.total),
        percent: formatNumber(Math.round(side.share * 100)),
      })}
    </p>
  );

  return (
    <QueryState query={{ isPending: other.isPending || crosswalk.isPending, error: other.error ?? crosswalk.error }}>
      {() => {
        const o = other.data!;
        const c = crosswalk.data!;
        const otherText = (value: Record<string, string>) => localResolved(value, section.language, o.languages[0]);
        const mappedFrom = new Set(c.links.map((l) => l.from.id));
        const mappedTo = new Set(c.links.map((l) => l.to.id));
        const thisName = sectionText(section, f.title).text;
        const otherName = otherText(o.title).text;

        async function add(event: FormEvent) {
          event.preventDefault();
          await write.run(() =>
            call('POST /api/frameworks/:frameworkId/crosswalks/:otherId/links', {
              params: { frameworkId: f.id, otherId },
              body: { fromItemId, toItemId, relation },
            }),
          );
        }

        return (
          <>
            <div className="side-by-side">
              <section aria-label={thisName}>
                <h3>{thisName}</h3>
                {coverage(c.coverage.from, t('frameworks.crosswalk.thisSide'))}
                <ul className="plain mapped-list">
                  {inTreeOrder(f.items).map(({ item, depth }) => (
                    <li key={item.id} style={{ paddingLeft: `${depth}rem` }}>
                      <strong>{item.code}</strong> <LocalText value={sectionText(section, item.title)} />
                      {mappedFrom.has(item.id) && <span className="tag">{t('frameworks.crosswalk.mapped')}</span>}
                    </li>
                  ))}
                </ul>
              </section>
              <section aria-label={otherName}>
                <h3>{otherName}</h3>
                {coverage(c.coverage.to, t('frameworks.crosswalk.otherSide'))}
                <ul className="plain mapped-list">
                  {inTreeOrder(o.items).map(({ item, depth }) => (
                    <li key={item.id} style={{ paddingLeft: `${depth}rem` }}>
                      <strong>{item.code}</strong> <LocalText value={otherText(item.title)} />
                      {mappedTo.has(item.id) && <span className="tag">{t('frameworks.crosswalk.mapped')}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            </div>
            {write.failure ? <ErrorText error={write.failure} /> : null}
            {section.canWrite && (
              <form className="panel" onSubmit={(e) => void add(e)}>
                <h3>{t('frameworks.crosswalk.addTitle')}</h3>
                <div className="filters">
                  <label>
                    {t('frameworks.crosswalk.fromItem')}
                    <select value={fromItemId} onChange={(e) => setFromItemId(e.target.value)} required>
                      <option value="">{t('frameworks.alignment.choose')}</option>
                      {inTreeOrder(f.items).map(({ item }) => (
                        <option key={item.id} value={item.id}>
                          {item.code} {sectionText(section, item.title).text}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('frameworks.crosswalk.relation')}
                    <select value={relation} onChange={(e) => setRelation(e.target.value as typeof relation)}>
                      {RELATIONS.map((r) => (
                        <option key={r} value={r}>
                          {t(`frameworks.crosswalk.relations.${r}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('frameworks.crosswalk.toItem')}
                    <select value={toItemId} onChange={(e) => setToItemId(e.target.value)} required>
                      <option value="">{t('frameworks.alignment.choose')}</option>
                      {inTreeOrder(o.items).map(({ item }) => (
                        <option key={item.id} value={item.id}>
                          {item.code} {otherText(item.title).text}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <button type="submit" disabled={write.busy}>
                  {t('frameworks.crosswalk.add')}
                </button>
              </form>
            )}
            <h3>{t('frameworks.crosswalk.links')}</h3>
            {c.links.length === 0 ? (
              <p>{t('frameworks.crosswalk.noLinks')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('frameworks.crosswalk.thisSide')}</th>
                    <th scope="col">{t('frameworks.crosswalk.relation')}</th>
                    <th scope="col">{t('frameworks.crosswalk.otherSide')}</th>
                    {section.canWrite && <th scope="col">{t('frameworks.crosswalk.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {c.links.map((l) => (
                    <tr key={l.id}>
                      <td>
                        <strong>{l.from.code}</strong> <LocalText value={sectionText(section, l.from.title)} />
                      </td>
                      <td>{t(`frameworks.crosswalk.relations.${l.relation}`)}</td>
                      <td>
                        <strong>{l.to.code}</strong> <LocalText value={otherText(l.to.title)} />
                      </td>
                      {section.canWrite && (
                        <td>
                          <button
                            type="button"
                            className="link danger"
                            aria-label={t('frameworks.crosswalk.removeLink', { from: l.from.code, to: l.to.code })}
                            onClick={() =>
                              void write.run(() =>
                                call('DELETE /api/frameworks/:frameworkId/crosswalks/:otherId/links/:linkId', {
                                  params: { frameworkId: f.id, otherId, linkId: l.id },
                                }),
                              )
                            }
                          >
                            {t('frameworks.crosswalk.remove')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
