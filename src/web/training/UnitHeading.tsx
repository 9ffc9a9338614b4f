import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { LocalText } from '../shell/LocalText.tsx';

/** A report's title with a link back to the unit it is about. */
export function UnitHeading({ unitId, title }: { unitId: string; title: string }) {
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId } });
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
