import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { call, queryKey, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate, LANGUAGES, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { ConditionEditor, ConditionSummary, isGroup, newLeaf } from './ConditionEditor.tsx';
import { type RuleCatalogue, useRuleCatalogue } from './catalogue.ts';
import { PreviewPanel } from './PreviewPanel.tsx';
import { RecognitionError } from './RecognitionError.tsx';
import { ACHIEVEMENT_TYPES, type Condition, type Rule, type RuleInput } from './types.ts';

type Texts = Pick<RuleInput, 'name' | 'description' | 'criteria'>;

/** A rule: written and previewed while a draft; read, previewed and retired once active. */
export default function RuleEditor() {
  const { ruleId } = useParams();
  const rule = useApiQuery(
    'GET /api/recognition/rules/:id',
    { params: { id: ruleId ?? '' } },
    {
      enabled: !!ruleId,
    },
  );
  if (!ruleId) return <RuleForm rule={null} />;
  return <QueryState query={rule}>{() => <RuleForm key={rule.data!.updatedAt} rule={rule.data!} />}</QueryState>;
}

function RuleForm({ rule }: { rule: Rule | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const manager = useCan('recognition.manage');
  const catalogue = useRuleCatalogue(rule?.frameworkId);
  const editable = manager && (!rule || rule.status === 'draft');
  const [language, setLanguage] = useState(i18n.language);
  const [texts, setTexts] = useState<Texts>({
    name: rule?.name ?? {},
    description: rule?.description ?? {},
    criteria: rule?.criteria ?? {},
  });
  const [achievementType, setAchievementType] = useState<RuleInput['achievementType']>(
    rule?.achievementType ?? 'Competency',
  );
  const [mode, setMode] = useState<RuleInput['mode']>(rule?.mode ?? 'automatic');
  const [condition, setCondition] = useState<Condition | null>(
    rule ? (isGroup(rule.condition) ? rule.condition : { type: 'all', conditions: [rule.condition] }) : null,
  );
  const keys = [
    ['GET /api/recognition/rules'],
    queryKey('GET /api/recognition/rules/:id', { params: { id: rule?.id } }),
    ['GET /api/recognition/rules/:id/preview'],
    ['POST /api/recognition/preview'],
  ];
  const save = useAct(keys);
  const status = useAct(keys);

  if (!rule && !manager) return <NotAllowed />;
  if (!catalogue.ready)
    return <QueryState query={{ isPending: !catalogue.error, error: catalogue.error }}>{() => null}</QueryState>;
  const tree: Condition = condition ?? { type: 'all', conditions: [newLeaf('competency', catalogue)] };

  const body = (): RuleInput => {
    const clean = (value: Record<string, string>) =>
      Object.fromEntries(Object.entries(value).filter(([, v]) => v.trim() !== ''));
    return {
      name: clean(texts.name),
      description: clean(texts.description),
      criteria: clean(texts.criteria),
      achievementType,
      ...(catalogue.frameworkId ? { frameworkId: catalogue.frameworkId } : {}),
      condition: tree,
      mode,
    };
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    let saved: Rule | null = null;
    const ok = await save.act(async () => {
      saved = rule
        ? await call('PUT /api/recognition/rules/:id', { params: { id: rule.id }, body: body() })
        : await call('POST /api/recognition/rules', { body: body() });
    });
    if (ok && saved && !rule) navigate(`/recognition/rules/${(saved as Rule).id}`);
  }

  async function move(to: 'active' | 'retired') {
    const question = to === 'active' ? t('recognition.rule.confirmActivate') : t('recognition.rule.confirmRetire');
    if (!window.confirm(question)) return;
    await status.act(() =>
      call('POST /api/recognition/rules/:id/status', { params: { id: rule!.id }, body: { status: to } }),
    );
  }

  const textField = (field: keyof Texts, multiline: boolean) => {
    const id = `rule-${field}`;
    const value = texts[field][language] ?? '';
    const set = (next: string) => setTexts({ ...texts, [field]: { ...texts[field], [language]: next } });
    return (
      <label htmlFor={id}>
        {t(`recognition.rule.${field}`)} ({languageName(language)})
        {multiline ? (
          <textarea id={id} value={value} rows={3} onChange={(e) => set(e.target.value)} />
        ) : (
          <input id={id} value={value} onChange={(e) => set(e.target.value)} />
        )}
      </label>
    );
  };

  return (
    <>
      <h1>{rule ? <LocalText value={rule.displayName} /> : t('recognition.rules.new')}</h1>
      {rule ? (
        <p>
          <span className={`tag status-${rule.status}`}>{t(`recognition.status.${rule.status}`)}</span>{' '}
          {t(`recognition.type.${rule.achievementType}`)} · {t(`recognition.mode.${rule.mode}`)}
          {rule.activatedAt ? ` · ${t('recognition.rule.activatedOn', { date: formatDate(rule.activatedAt) })}` : null}
        </p>
      ) : null}
      {editable ? (
        <form className="stack" onSubmit={submit}>
          <label>
            {t('recognition.rule.language')}
            <select value={language} onChange={(e) => setLanguage(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {languageName(l.code)}
                </option>
              ))}
            </select>
          </label>
          {textField('name', false)}
          {textField('description', true)}
          {textField('criteria', true)}
          <label>
            {t('recognition.rule.type')}
            <select
              value={achievementType}
              onChange={(e) => setAchievementType(e.target.value as RuleInput['achievementType'])}
            >
              {ACHIEVEMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`recognition.type.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>{t('recognition.rule.mode')}</legend>
            {(['automatic', 'approval'] as const).map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {t(`recognition.mode.${m}`)}
              </label>
            ))}
          </fieldset>
          <ConditionEditor value={tree} onChange={setCondition} catalogue={catalogue} />
          <RecognitionError error={save.failure} />
          <div className="inline">
            <button type="submit" disabled={save.busy}>
              {t('recognition.rule.saveDraft')}
            </button>
          </div>
        </form>
      ) : rule ? (
        <RuleFacts rule={rule} catalogue={catalogue} />
      ) : null}
      {rule && manager ? (
        <div className="inline">
          {rule.status === 'draft' ? (
            <button type="button" onClick={() => move('active')} disabled={status.busy}>
              {t('recognition.rule.activate')}
            </button>
          ) : null}
          {rule.status !== 'retired' ? (
            <button type="button" className="secondary" onClick={() => move('retired')} disabled={status.busy}>
              {t('recognition.rule.retire')}
            </button>
          ) : null}
          <RecognitionError error={status.failure} />
        </div>
      ) : null}
      <PreviewPanel
        condition={rule && !editable ? rule.condition : tree}
        frameworkId={catalogue.frameworkId}
        {...(rule && !editable ? { ruleId: rule.id } : {})}
      />
    </>
  );
}

function RuleFacts({ rule, catalogue }: { rule: Rule; catalogue: RuleCatalogue }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('recognition.rule.description')}</dt>
      <dd>
        <LocalText value={rule.displayDescription} />
      </dd>
      <dt>{t('recognition.rule.criteria')}</dt>
      <dd>
        <LocalText value={rule.displayCriteria} />
      </dd>
      <dt>{t('recognition.editor.condition')}</dt>
      <dd>
        <ConditionSummary value={rule.condition} catalogue={catalogue} />
      </dd>
    </dl>
  );
}
