import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session.tsx';
import { QueryState } from '../../shell/ErrorText.tsx';
import { CycleView } from './CyclePage.tsx';
import { useApiQuery } from './client.ts';
import './cycles.css';

/** A teacher's coaching: their cycles, the coach's agreed strengths and next steps, their own reflection. */
export default function MyCoaching() {
  const { t } = useTranslation();
  const me = useMe();
  const cycles = useApiQuery('GET /api/coaching-cycles', {});
  return (
    <>
      <h1>{t('coaching.mine.title')}</h1>
      <p>{t('coaching.mine.intro')}</p>
      <QueryState query={cycles}>
        {() => {
          const mine = cycles.data!.items.filter((c) => c.teacher.id === me.personId);
          if (mine.length === 0) return <p className="muted">{t('coaching.mine.none')}</p>;
          return mine.map((c) => <CycleView key={c.id} cycle={c} heading={false} />);
        }}
      </QueryState>
    </>
  );
}
