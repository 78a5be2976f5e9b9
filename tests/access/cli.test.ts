// CLI paths: `search`/`ask` without --as are the anonymous outsider, `--as` an allowed user, `--group` a group
// without access; `zhiyin audit` prints the rows of the answers asked.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessFixture,
  found,
  HR_GROUP,
  OTHER_GROUP,
  RESTRICTED_TITLE,
  RESTRICTED_WORDS,
  type AccessFixture,
} from './fixture';

const run = promisify(execFile);
let fx: AccessFixture;
const cli = (args: string[]) =>
  run(process.execPath, ['bin/zhiyin.mjs', ...args], {
    env: {
      ...process.env,
      ZHIYIN_CORPUS: fx.corpus,
      ZHIYIN_INDEX: fx.config.indexDir,
      ZHIYIN_STATE: fx.config.stateDir,
      EMBEDDING_BASE_URL: '',
      EMBEDDING_MODEL: '',
      LLM_BASE_URL: '',
      LLM_API_KEY: '',
      LLM_MODEL: '',
    },
  });

beforeAll(async () => {
  fx = await accessFixture();
});
afterAll(() => fx?.cleanup());

const Q = '廉政谈话记录由谁保管？';

describe('CLI --as', () => {
  it('search: outsider and group without access see nothing of it; --as an allowed id does', async () => {
    const outsider = await cli(['search', Q, '--json']);
    expect(found(outsider.stdout, RESTRICTED_WORDS)).toEqual([]);
    const group = await cli(['search', Q, '--json', '--as', 'ou_alice', '--group', OTHER_GROUP]);
    expect(found(group.stdout, RESTRICTED_WORDS)).toEqual([]);
    const alice = await cli(['search', Q, '--json', '--as', 'ou_bob', '--as', 'ou_alice']);
    expect(alice.stdout).toContain(RESTRICTED_TITLE);
    const hrGroup = await cli(['search', Q, '--json', '--as', 'ou_bob', '--group', HR_GROUP]);
    expect(hrGroup.stdout).toContain(RESTRICTED_TITLE);
  }, 240_000);

  it('ask: the answer for an allowed id, no trace for an outsider', async () => {
    const outsider = await cli(['ask', Q, '--json']);
    expect(found(outsider.stdout, RESTRICTED_WORDS)).toEqual([]);
    const alice = await cli(['ask', Q, '--json', '--as', 'ou_alice']);
    expect(alice.stdout).toContain('纪检组长');
  }, 240_000);
});
