import type { Ctx } from './context.ts';

type Listener<T> = (ctx: Ctx, payload: T) => Promise<void>;

/**
 * A change one module announces and another keeps a projection of, inside the same transaction:
 * the writer does not import the reader (monitoring reads every module, so it cannot be imported
 * back). Listeners are attached once at the composition root (`registerMonitoring`).
 */
export interface DomainEvent<T> {
  on(listener: Listener<T>): void;
  off(listener: Listener<T>): void;
  readonly listened: boolean;
  emit(ctx: Ctx, payload: T): Promise<void>;
}

export function domainEvent<T>(): DomainEvent<T> {
  const listeners: Listener<T>[] = [];
  return {
    on(listener) {
      if (!listeners.includes(listener)) listeners.push(listener);
    },
    off(listener) {
      const at = listeners.indexOf(listener);
      if (at >= 0) listeners.splice(at, 1);
    },
    get listened() {
      return listeners.length > 0;
    },
    async emit(ctx, payload) {
      for (const listener of listeners) await listener(ctx, payload);
    },
  };
}
