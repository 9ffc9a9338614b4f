import { queryKey } from '../api/routes.ts';
import type { FrameworkDetail, FrameworkItem } from '../api/types.ts';
import { useAct } from '../shell/useAct.ts';
import { localResolved } from './text.ts';

/** What every section of a framework page works on: the version, the language being edited, and whether it may change. */
export interface Section {
  framework: FrameworkDetail;
  /** The language tab: what is shown and what edits write. */
  language: string;
  /** A draft and a user who may write standards. */
  editable: boolean;
  canWrite: boolean;
}

/** Data text in the editing language, marked when it falls back to the framework's first language. */
export function sectionText(section: Section, value: Record<string, string>) {
  return localResolved(value, section.language, section.framework.languages[0]);
}

/** One language of a multilingual value replaced (an empty entry removes that language). */
export function withLanguage(value: Record<string, string>, language: string, text: string): Record<string, string> {
  const next = { ...value };
  if (text.trim()) next[language] = text.trim();
  else delete next[language];
  return next;
}

export function childrenOf(items: FrameworkItem[], parentId: string | null): FrameworkItem[] {
  return items.filter((i) => i.parentId === parentId).sort((a, b) => a.position - b.position);
}

/** Items in reading order (depth first), with their depth: for pickers that must show the tree. */
export function inTreeOrder(items: FrameworkItem[]): { item: FrameworkItem; depth: number }[] {
  const out: { item: FrameworkItem; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const item of childrenOf(items, parentId)) {
      out.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The ids of an item and everything under it. */
export function subtreeOf(items: FrameworkItem[], itemId: string): Set<string> {
  const ids = new Set([itemId]);
  for (let before = 0; before !== ids.size; ) {
    before = ids.size;
    for (const i of items) if (i.parentId && ids.has(i.parentId)) ids.add(i.id);
  }
  return ids;
}

/** Writes against a framework refresh what they may change: the version, the list, alignment, crosswalks. */
export function useFrameworkWrite(frameworkId: string) {
  const params = { frameworkId };
  const { act, failure, busy } = useAct([
    queryKey('GET /api/frameworks/:frameworkId', { params }),
    ['GET /api/frameworks'],
    queryKey('GET /api/frameworks/:frameworkId/alignment', { params }),
    queryKey('GET /api/frameworks/:frameworkId/publish-impact', { params }),
    queryKey('GET /api/frameworks/:frameworkId/crosswalks/:otherId', { params }),
    ['GET /api/policy-goals'],
  ]);
  return { run: act, failure, busy };
}
