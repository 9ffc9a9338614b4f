import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { i18n, isLanguage, LANGUAGES, languageName } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { designsClient, keys } from './api.ts';
import './designs.css';

type Choice = 'one_to_one' | 'project_based' | 'blank';

export default function NewDesign() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [choice, setChoice] = useState<Choice>('project_based');
  const [language, setLanguage] = useState(isLanguage(i18n.language) ? i18n.language : 'en');
  const [title, setTitle] = useState('');
  const [subject, setSubject] = useState('');
  const [grade, setGrade] = useState('');
  const [coAuthor, setCoAuthor] = useState('');
  const templates = useQuery({ queryKey: keys.templates(language), queryFn: () => designsClient.templates(language) });
  const colleagues = useQuery({ queryKey: keys.colleagues, queryFn: designsClient.colleagues });
  const { act, failure, busy } = useAct([keys.all]);

  return (
    <div className="designs narrow-form">
      <h1>{t('designs.newTitle')}</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          let id = '';
          const ok = await act(async () => {
            const made = await designsClient.create({
              title,
              subject,
              grade,
              language,
              coAuthorPersonId: coAuthor || null,
              template: choice === 'blank' ? null : choice,
              competencies: [],
            });
            id = made.id;
          });
          if (ok) navigate(`/designs/${id}/edit`);
        }}
      >
        <fieldset className="template-choice">
          <legend>{t('designs.startFrom')}</legend>
          {(['project_based', 'one_to_one', 'blank'] as const).map((c) => {
            const tpl = templates.data?.items.find((x) => x.key === c);
            return (
              <label key={c} className={choice === c ? 'chosen' : undefined}>
                <input type="radio" name="template" checked={choice === c} onChange={() => setChoice(c)} />
                <span>
                  <strong>{t(`designs.templates.${c}`)}</strong>
                  <span className="muted">{tpl ? tpl.summary : t('designs.blankSummary')}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <label>
          {t('designs.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as typeof language)}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('designs.titleField')}
          <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('designs.subject')}
          <input required maxLength={100} value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label>
          {t('designs.grade')}
          <input required maxLength={32} value={grade} onChange={(e) => setGrade(e.target.value)} />
        </label>
        {(colleagues.data?.items.length ?? 0) > 0 && (
          <label>
            {t('designs.coAuthor')}
            <select value={coAuthor} onChange={(e) => setCoAuthor(e.target.value)}>
              <option value="">{t('designs.noCoAuthor')}</option>
              {colleagues.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {failure ? <ErrorText error={failure} /> : null}
        <button type="submit" disabled={busy}>
          {t('designs.create')}
        </button>
      </form>
    </div>
  );
}
