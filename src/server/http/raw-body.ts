import type { ZodApp } from './app.ts';

/**
 * Makes this (encapsulated) scope take request bodies as raw bytes of any content type, up to
 * `maxBytes`: uploaded files are checked by their own bytes, never decoded or trusted by type.
 * Register the scope's routes after calling it; other scopes keep their parsers.
 */
export function acceptRawBodies(app: ZodApp, maxBytes: number) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
}
