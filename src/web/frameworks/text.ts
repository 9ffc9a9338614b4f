import { resolveText } from '../../server/shared/localized.ts';

/** Data text in the user's language, else the framework's first language, else any. */
export function localText(value: Record<string, string>, language: string, fallback = 'en') {
  return resolveText(value, language, fallback).text;
}

export function localResolved(value: Record<string, string>, language: string, fallback = 'en') {
  return resolveText(value, language, fallback);
}
