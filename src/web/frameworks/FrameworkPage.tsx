import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiInput, type ApiResponse, call, useApiQuery } from '../api/routes.ts';
import type { FrameworkDetail } from '../api/types.ts';
import { useCan } from '../auth/session.tsx';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { AlignmentSection } from './AlignmentSection.tsx';
import { CrosswalkMapper } from './CrosswalkMapper.tsx';
import { Description } from './Description.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { type Section, sectionText, useFrameworkWrite } from './editing.ts';
import { ItemsEditor } from './ItemsEditor.tsx';
import { LANGUAGE_PANEL, LanguagesForm, LanguageTabs, languageTabId } from './LanguageTabs.tsx';
import { PublishImpactView } from './PublishImpact.tsx';
import { RubricMatrix } from './RubricMatrix.tsx';
import { VersionsDiff } from './VersionsDiff.tsx';

type Status = ApiInput<'POST /api/frameworks/:frameworkId/status'>['body']['status'];
const NEXT: Record<string, { status: Status; label: string }[]> = {
  draft: [{ status: 'in_review', label: 'frameworks.review' }],
  // Publishing is a form of its own (PublishImpactView): the ministry reads the impact and chooses first.
  in_review: [{ status: 'draft', label: 'frameworks.backToDraft' }],
  published: [{ status: 'retired', label: 'frameworks.retire' }],
  superseded: [{ status: 'retired', label: 'frameworks.retire' }],
  retired: [],
};

const SECTIONS = {
  items: ItemsEditor,
  rubrics: RubricMatrix,
  alignment: AlignmentSection,
  crosswalks: CrosswalkMapper,
  versions: VersionsDiff,
} as const;
type SectionName = keyof typeof SECTIONS;
const isSection = (name: string | null): name is SectionName => !!name && name in SECTIONS;

export default function FrameworkPage() {
  const { frameworkId } = useParams();
  const fw = useApiQuery('GET /api/frameworks/:frameworkId', { params: { frameworkId: frameworkId! } }, {});
  if (fw.error instanceof ApiError && fw.error.status === 404) return <NotFound />;
  return <QueryState query={fw}>{() => <Framework key={fw.data!.id} framework={fw.data!} />}</QueryState>;
}

function Framework({ framework: f }: { framework: FrameworkDetail }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('frameworks.write');
  const navigate = useNavigate();
  const write = useFrameworkWrite(f.id);
  const [params, setParams] = useSearchParams();
  const [version, setVersion] = useState('');
  const [chosenLanguage, setChosenLanguage] = useState<string | null>(null);

  const language =
    chosenLanguage && f.languages.includes(chosenLanguage)
      ? chosenLanguage
      : f.languages.includes(i18n.language)
        ? i18n.language
        : f.languages[0]!;
  const section: Section = { framework: f, language, editable: canWrite && f.status === 'draft', canWrite };
  const current: SectionName = isSection(params.get('section')) ? (params.get('section') as SectionName) : 'items';
  const Current = SECTIONS[current];

  async function newVersion(event: FormEvent) {
    event.preventDefault();
    let created: ApiResponse<'POST /api/frameworks/:frameworkId/versions'> | undefined;
    const ok = await write.run(async () => {
      created = await call('POST /api/frameworks/:frameworkId/versions', {
        params: { frameworkId: f.id },
        body: { version },
      });
    });
    if (ok && created) navigate(`/frameworks/${created.id}`);
  }

  return (
    <>
      <h1>
        <LocalText value={sectionText(section, f.title)} />
      </h1>
      <p className="muted">
        {t('frameworks.version', { version: f.version })} · {t(`frameworks.status.${f.status}`)}
      </p>
      {Object.keys(f.description).length > 0 && (
        <Description section={section} value={f.description} html={f.descriptionHtml} />
      )}
      <div className="inline">
        {canWrite &&
          NEXT[f.status]!.map((next) => (
            <button
              key={next.status}
              type="button"
              disabled={write.busy}
              onClick={() => {
                if (next.status === 'retired' && !window.confirm(t('frameworks.retireConfirm'))) return;
                void write.run(() =>
                  call('POST /api/frameworks/:frameworkId/status', {
                    params: { frameworkId: f.id },
                    body: { status: next.status },
                  }),
                );
              }}
            >
              {t(next.label)}
            </button>
          ))}
        <ExportLinks framework={f} />
      </div>
      {canWrite && f.status === 'in_review' && (
        <PublishImpactView
          frameworkId={f.id}
          busy={write.busy}
          onPublish={(changedItems) =>
            void write.run(() =>
              call('POST /api/frameworks/:frameworkId/status', {
                params: { frameworkId: f.id },
                body: { status: 'published', changedItems },
              }),
            )
          }
        />
      )}
      {canWrite && f.status !== 'draft' && (
        <form className="inline" onSubmit={(e) => void newVersion(e)}>
          <label>
            {t('frameworks.newVersionLabel')}
            <input value={version} onChange={(e) => setVersion(e.target.value)} required maxLength={20} />
          </label>
          <button type="submit">{t('frameworks.newVersion')}</button>
        </form>
      )}
      {write.failure ? <ErrorText error={write.failure} /> : null}
      {section.editable && <LanguagesForm key={f.languages.join()} framework={f} />}
      <LanguageTabs framework={f} language={language} onChange={setChosenLanguage} />
      <div id={LANGUAGE_PANEL} role="tabpanel" aria-labelledby={languageTabId(language)}>
        <nav aria-label={t('frameworks.sections.label')} className="tabs section-tabs">
          <ul>
            {(Object.keys(SECTIONS) as SectionName[]).map((name) => (
              <li key={name}>
                <button
                  type="button"
                  className="tab"
                  aria-current={name === current ? 'page' : undefined}
                  onClick={() => setParams(name === 'items' ? {} : { section: name }, { replace: true })}
                >
                  {t(`frameworks.sections.${name}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <Current section={section} />
      </div>
    </>
  );
}
