import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * Runs a write, then reloads the queries it changes; a failure is kept to be shown in the user's
 * language. Answers whether the write went through.
 */
export function useAct(keys: readonly QueryKey[]) {
  const client = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function act(work: () => Promise<unknown>): Promise<boolean> {
    setFailure(null);
    setBusy(true);
    try {
      await work();
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { act, failure, busy, clear: () => setFailure(null) };
}
