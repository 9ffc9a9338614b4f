#!/usr/bin/env node
// Runs the TypeScript sources directly: one codebase, no separate server build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
