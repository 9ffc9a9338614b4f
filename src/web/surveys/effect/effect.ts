import type { ApiResponse } from '../../api/routes.ts';
import { formatNumber } from '../../i18n/index.ts';

export type Effect = ApiResponse<'GET /api/evaluation/modules/:moduleId/effect'>;
export type Figures = Effect['figures'];

/** A change in levels, to two decimals, with its sign, as the language writes numbers: "+0.42", "−0.1", "0". */
export function changeText(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const text = formatNumber(Math.abs(rounded));
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}
