// Identity: web tokens map to configured identities (never the request body); Lark viewers carry open_id,
// user_id, department ids from the contact API (cached) and the group chat; the webhook guard.
import { describe, expect, it } from 'vitest';
import { assertWebhookSecured } from '../../src/access/webhook-guard';
import { createLarkIdentity } from '../../src/access/lark-identity';
import { UserDirectory } from '../../src/access/users';
import { viewerFromFlags } from '../../src/access/cli-viewer';
import { loadConfig } from '../../src/config';
import { isZhiyinError } from '../../src/core/errors';
import { createLarkClient } from '../../src/lark/api';
import { silentLogger } from '../../src/chat/log';
import { identify } from '../../src/web/auth';
import { FakeAnswerer, FixedClock } from '../chat/fakes';
import { FakeOpenPlatform, waitFor } from '../lark/fake-open-platform';
import { harnessPerTest } from '../lark/harness';
import crypto from 'node:crypto';

const USERS = UserDirectory.fromYaml(
  [
    'users:',
    '  - id: alice',
    '    token: alice-token-0123456789',
    '    roles: [hr]',
    '    lark: [ou_alice]',
    '  - id: boss',
    `    tokenSha256: ${crypto.createHash('sha256').update('boss-token-0123456789ab').digest('hex')}`,
    '    admin: true',
  ].join('\n'),
);

describe('web identity from tokens', () => {
  it('maps a users-file token (plain or sha256) to its identity, roles and admin flag', () => {
    expect(identify({ users: USERS }, 'alice-token-0123456789')).toEqual({
      userId: 'web:alice',
      viewer: { principals: ['web:alice', 'ou_alice', 'role:hr'], tenantMember: true },
      admin: false,
    });
    expect(identify({ users: USERS }, 'boss-token-0123456789ab')?.admin).toBe(true);
    expect(identify({ users: USERS }, 'nobody-token-0123456789')).toBeUndefined();
    expect(identify({ users: USERS }, undefined)).toBeUndefined();
  });

  it('the shared ZHIYIN_ACCESS_TOKEN is a tenant member; without any token the local user is anonymous', () => {
    expect(identify({ accessToken: 'shared-token-abcdef' }, 'shared-token-abcdef')).toMatchObject({
      userId: 'web:token',
      viewer: { tenantMember: true },
      admin: true,
    });
    expect(identify({ accessToken: 'shared-token-abcdef', users: USERS }, 'shared-token-abcdef')?.admin).toBe(false);
    const local = identify({}, undefined);
    expect(local).toEqual({ userId: 'web:anonymous', admin: true });
    expect(local?.viewer).toBeUndefined();
  });

  it('rejects a malformed users file with a coded error', () => {
    for (const bad of [
      'users: [{ id: "a b" }]',
      'users: [{ id: a, token: short }]',
      'users: [{ id: a }, { id: a }]',
      'users: [',
    ]) {
      let err: unknown;
      try {
        UserDirectory.fromYaml(bad);
      } catch (e) {
        err = e;
      }
      expect(isZhiyinError(err) && err.code, bad).toBe('E_CONFIG');
    }
  });

  it('CLI --as ids get the roles the users file gives them; no --as is the outsider', () => {
    expect(viewerFromFlags({}, USERS)).toBeUndefined();
    expect(viewerFromFlags({ as: ['ou_alice'], group: 'oc_g' }, USERS)).toEqual({
      principals: ['ou_alice', 'role:hr'],
      tenantMember: true,
      group: { chatId: 'oc_g' },
    });
  });
});

describe('Lark identity', () => {
  it('reads department ids from the contact API through the SDK, caches them, and fails closed', async () => {
    const fake = await new FakeOpenPlatform().start();
    try {
      fake.departments = { ou_alice: ['od_hr', 'od_works'] };
      const { api } = createLarkClient({
        appId: 'cli_x',
        appSecret: 's',
        domain: fake.url,
        logger: silentLogger,
        retry: { baseMs: 1, maxDelayMs: 5 },
      });
      const clock = new FixedClock();
      const failures: string[] = [];
      const who = createLarkIdentity({
        departments: (id) => api.userDepartments!(id),
        users: USERS,
        clock,
        onLookupFailed: (id) => failures.push(id),
      });
      const v = await who({ openId: 'ou_alice', userId: 'u_alice' }, { chatId: 'oc_g', chatType: 'group' });
      expect(v).toEqual({
        principals: ['ou_alice', 'u_alice', 'od_hr', 'od_works', 'role:hr'],
        tenantMember: true,
        group: { chatId: 'oc_g' },
      });
      const req = fake.find(/^GET \/open-apis\/contact\/v3\/users\//);
      expect(req).toHaveLength(1);
      expect(req[0]!.path).toBe('/open-apis/contact/v3/users/ou_alice');
      // Cached: a second question within the TTL makes no call; after it, one more.
      await who({ openId: 'ou_alice' }, { chatId: 'oc_p', chatType: 'p2p' });
      expect(fake.find(/contact/)).toHaveLength(1);
      clock.advance(11 * 60_000);
      await who({ openId: 'ou_alice' });
      expect(fake.find(/contact/)).toHaveLength(2);
      // A user the app may not read: no departments (department-only documents stay closed), still a member.
      const stranger = await who({ openId: 'ou_stranger' }, { chatId: 'oc_p', chatType: 'p2p' });
      expect(stranger).toEqual({ principals: ['ou_stranger'], tenantMember: true });
      expect(failures).toEqual(['ou_stranger']);
    } finally {
      await fake.close();
    }
  });

  const start = harnessPerTest();
  const groupEvent = (botOpenId: string) => ({
    schema: '2.0',
    header: {
      event_id: 'ev_access_1',
      event_type: 'im.message.receive_v1',
      create_time: '1700000000000',
      app_id: 'cli_a1b2c3d4e5f60718',
    },
    event: {
      sender: { sender_id: { open_id: 'ou_alice', user_id: 'u_alice', union_id: 'on_alice' }, sender_type: 'user' },
      message: {
        message_id: 'om_access_1',
        chat_id: 'oc_everyone',
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: '@_user_1 廉政谈话记录由谁保管？' }),
        mentions: [{ key: '@_user_1', id: { open_id: botOpenId }, name: '指引' }],
      },
    },
  });

  it('a group message reaches processMessage with the sender, departments and the group chat as viewer', async () => {
    const fake = await new FakeOpenPlatform().start();
    fake.departments = { ou_alice: ['od_hr'] };
    const answerer = new FakeAnswerer();
    const h = await start({ fake, answerer, botOpenId: 'ou_bot_access' });
    try {
      const res = await h.post(groupEvent('ou_bot_access'));
      expect(res.status).toBe(200);
      await waitFor(() => answerer.calls.length > 0);
      expect(answerer.calls[0]!.options?.viewer).toEqual({
        principals: ['ou_alice', 'u_alice', 'on_alice', 'od_hr'],
        tenantMember: true,
        group: { chatId: 'oc_everyone' },
      });
    } finally {
      await h.close();
      await fake.close();
    }
  });
});

describe('webhook guard', () => {
  const env = { LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_MODE: 'webhook' };
  it('refuses webhook mode with neither LARK_ENCRYPT_KEY nor LARK_VERIFICATION_TOKEN unless explicitly insecure', () => {
    expect(() => assertWebhookSecured(loadConfig(env, '/x'))).toThrow(/LARK_ALLOW_INSECURE_WEBHOOK/);
    expect(() => assertWebhookSecured(loadConfig({ ...env, LARK_VERIFICATION_TOKEN: 'v' }, '/x'))).not.toThrow();
    expect(() => assertWebhookSecured(loadConfig({ ...env, LARK_ENCRYPT_KEY: 'k' }, '/x'))).not.toThrow();
    expect(() => assertWebhookSecured(loadConfig({ ...env, LARK_ALLOW_INSECURE_WEBHOOK: '1' }, '/x'))).not.toThrow();
    expect(() => assertWebhookSecured(loadConfig({ ...env, LARK_MODE: 'ws' }, '/x'))).not.toThrow();
  });
});
