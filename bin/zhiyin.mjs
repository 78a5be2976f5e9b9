#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx so that `npx zhiyin` never serves a stale build.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(path.join(here, '..', 'src', 'cli', 'main.ts'));
await main(process.argv);
