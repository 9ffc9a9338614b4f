import type { ZodApp } from '../../http/app.ts';

export function cycleRoutes(app: ZodApp) {
  void app;
}
