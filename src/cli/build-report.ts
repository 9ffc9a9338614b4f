import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Command } from 'commander';
import { precompress } from './precompress.ts';

const LIMIT_KB = 200;

/** The JavaScript the sign-in page loads before any interaction: the entry script and its preloads. */
export function initialScripts(webDir: string): string[] {
  const html = fs.readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ];
  return [...new Set(refs.map((m) => m[1]!))];
}

export function gzipKb(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;
}

export function registerBuildReport(program: Command, webDir: string) {
  program
    .command('build-report')
    .description(
      `Precompress the built web app (brotli, gzip); print the gzipped size of the sign-in page's initial JavaScript; fail over ${LIMIT_KB} KB.`,
    )
    .action(() => {
      const packed = precompress(webDir);
      console.log(
        `precompressed ${packed.files} files: ${(packed.bytes / 1024).toFixed(0)} kB > ${(packed.brotli / 1024).toFixed(0)} kB brotli`,
      );
      let total = 0;
      for (const ref of initialScripts(webDir)) {
        const kb = gzipKb(path.join(webDir, ref));
        total += kb;
        console.log(`initial ${ref} ${kb.toFixed(1)} kB gzip`);
      }
      console.log(`sign-in page initial JavaScript: ${total.toFixed(1)} kB gzip (limit ${LIMIT_KB} kB)`);
      if (total > LIMIT_KB) {
        console.error(`error: the sign-in page loads more than ${LIMIT_KB} kB of JavaScript.`);
        process.exitCode = 1;
      }
    });
}
