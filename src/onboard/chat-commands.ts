// Onboarding in the chat: /入职 (alias /onboard) starts or resumes, /下一课 moves on, /进度 shows progress, and
// a reply such as 「A」 or 「对」 answers the open quiz question. Registered through openChat's plugins, so the
// same commands work in the web chat, the Lark bot and the terminal.
import type { ChatPlugin } from '../chat/open';
import type { ChatCommand } from '../chat/commands';
import type { IncomingMessage, Reply } from '../core/chat';
import { createOnboardStore } from '../store/onboard-store';
import { renderAnswer, renderStatus, renderView } from './render';
import { createOnboarding, type Onboarding, type OnboardingDeps } from './service';

/** Where the daily push of a user goes: only Lark users (open_id) can be reached proactively. */
function pushTarget(message: IncomingMessage): string | undefined {
  return message.transport === 'lark' ? message.userId : undefined;
}

export function onboardCommands(onboarding: Onboarding): ChatCommand[] {
  const start: ChatCommand = {
    name: '入职',
    aliases: ['onboard'],
    summary: '开始或继续入职学习（每课要点 + 小测验）；「/入职 每日推送」工作日每天推送一课，「/入职 取消推送」关闭',
    examples: ['/入职', '/入职 每日推送'],
    run: ({ message, args }): Reply => {
      const arg = args.trim();
      if (/^(每日推送|推送|订阅)$/u.test(arg)) {
        const target = pushTarget(message);
        if (!target) return { kind: 'text', text: '每日推送目前只支持飞书：请在飞书中向我发送「/入职 每日推送」。' };
        onboarding.setPush(message.userId, true, target);
        return { kind: 'text', text: '已开启每日推送：每个工作日（节假日和调休按国家安排）推送一课。' };
      }
      if (/^(取消推送|关闭推送|退订)$/u.test(arg)) {
        onboarding.setPush(message.userId, false);
        return { kind: 'text', text: '已关闭每日推送。发送 /下一课 仍可随时学习。' };
      }
      const roles = onboarding.roles();
      if (arg && !roles.includes(arg)) {
        const known = roles.length > 0 ? `可选岗位：${roles.join('、')}。` : '知识库没有按岗位声明学习路径。';
        return { kind: 'text', text: `没有「${arg}」这个岗位的学习路径。${known}发送 /入职 按通用路径学习。` };
      }
      const role = arg || undefined;
      const view = onboarding.start(message.userId, { role, viewer: message.viewer });
      return { kind: 'text', text: renderView(view), onboard: { view } };
    },
  };
  const next: ChatCommand = {
    name: '下一课',
    aliases: ['next', 'nextlesson'],
    summary: '入职学习：进入下一课',
    run: ({ message }): Reply => {
      const view = onboarding.next(message.userId, { viewer: message.viewer });
      return { kind: 'text', text: renderView(view), onboard: { view } };
    },
  };
  const progress: ChatCommand = {
    name: '进度',
    aliases: ['progress'],
    summary: '入职学习：查看学到第几课和每课得分',
    run: ({ message }): Reply => ({ kind: 'text', text: renderStatus(onboarding.status(message.userId)) }),
  };
  return [start, next, progress];
}

/** Answers to the open quiz question, before the message would be searched as a question. */
export function onboardInterceptor(onboarding: Onboarding): (message: IncomingMessage) => Reply | undefined {
  return (message) => {
    if (!onboarding.awaitsAnswer(message.userId, message.text)) return undefined;
    const answer = onboarding.answer(message.userId, message.text);
    if (!answer) return undefined;
    return { kind: 'text', text: renderAnswer(answer), onboard: { answer } };
  };
}

export interface OnboardPlugin {
  plugin: ChatPlugin;
  /** The service, once openChat has called the plugin with the state database. */
  onboarding(): Onboarding | undefined;
}

/** The chat plugin: creates the onboarding tables in the chat's state database and registers the commands. */
export function createOnboardPlugin(deps: Omit<OnboardingDeps, 'store'>): OnboardPlugin {
  let service: Onboarding | undefined;
  return {
    plugin: (db) => {
      service = createOnboarding({ ...deps, store: createOnboardStore(db) });
      return { commands: onboardCommands(service), interceptors: [onboardInterceptor(service)] };
    },
    onboarding: () => service,
  };
}
