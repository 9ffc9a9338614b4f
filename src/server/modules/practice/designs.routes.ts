import type { ZodApp } from '../../http/app.ts';

export function designRoutes(app: ZodApp) {
  void app;
}
