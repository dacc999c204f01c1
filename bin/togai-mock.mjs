#!/usr/bin/env node
// Development launcher: runs the TypeScript sources in process through tsx's loader, so tests and
// contributors need no build. Not published: the package's `togai-mock` bin is dist/cli/main.js.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
