// Child process for durability.test.ts: answers one question and records a 👍 through the real chat core on
// the state dir given as argv[2], prints "acked" (the moment a transport would acknowledge), then idles until
// the parent kills it with SIGKILL.
import { loadConfig } from '../../src/config';
import { openChat } from '../../src/chat/open';
import { FakeAnswerer } from '../chat/fakes';

const stateDir = process.argv[2]!;
const config = loadConfig({ ZHIYIN_STATE: stateDir }, stateDir);
const chat = openChat(config, new FakeAnswerer(), () => []);
const message = {
  transport: 'web' as const,
  conversationId: 'durable',
  userId: 'web:u1',
  messageId: 'web-durable-1',
  text: '屋面防水工程保修期是多少？',
};
const reply = await chat.processMessage(message);
const entry = chat.recordFeedback({ transport: 'web', userId: 'web:u1', messageId: message.messageId, rating: 'up' });
process.stdout.write(`acked ${reply.kind} ${entry ? 'feedback' : 'no-feedback'}\n`);
setInterval(() => {}, 1000);
