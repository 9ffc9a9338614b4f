import { useEffect } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { QueryState } from '../../shell/ErrorText.tsx';

/** From an offering to its cohort community (made on the first visit), replacing this address. */
export default function CohortPage() {
  const { offeringId = '' } = useParams();
  const navigate = useNavigate();
  const community = useApiQuery('GET /api/offerings/:offeringId/community', { params: { offeringId } });
  const id = community.data?.id;
  useEffect(() => {
    if (id) navigate(`/communities/${id}`, { replace: true });
  }, [id, navigate]);
  return <QueryState query={community}>{() => null}</QueryState>;
}
