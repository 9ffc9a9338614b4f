import type { ZodApp } from '../../http/app.ts';

export function partnershipRoutes(app: ZodApp) {
  void app;
}
