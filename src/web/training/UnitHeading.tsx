import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { UnitDetail } from '../api/types.ts';
import { LocalText } from '../shell/LocalText.tsx';

/** A report's title with a link back to the unit it is about. */
export function UnitHeading({ unitId, title }: { unitId: string; title: string }) {
  const unit = useQuery({ queryKey: ['unit', unitId], queryFn: () => api<UnitDetail>(`/api/org-units/${unitId}`) });
  return (
    <>
      <h1>{title}</h1>
      {unit.data && (
        <p>
          <Link to={`/org/${unitId}`}>
            <LocalText value={unit.data.displayName} />
          </Link>
        </p>
      )}
    </>
  );
}
