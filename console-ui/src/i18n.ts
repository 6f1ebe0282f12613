import type { Lang } from './types';

/** English texts: the reference set of keys every language must have. */
const en = {
  'app.name': 'Cuecard',
  'app.loading': 'Loading…',
  'app.loadFailed': 'Could not load your profile. Retrying…',
  'header.employeeNo': 'No. {no}',
  'header.logout': 'Log out',
  'header.language': 'Language',
  'banner.disconnected': 'Disconnected — reconnecting…',
  'banner.pbx': 'PBX link down — call information may be out of date.',
  'error.dismiss': 'Dismiss',
  'agentState.idle': 'Idle',
  'agentState.ringing': 'Ringing',
  'agentState.on-call': 'On a call',
  'agentState.wrap-up': 'Wrap-up',
  'stage.ringing': 'Ringing',
  'stage.greeting': 'Greeting',
  'stage.conversation': 'Conversation',
  'stage.hold': 'Hold',
  'stage.transfer': 'Transfer',
  'stage.closing': 'Closing',
  'stage.ended': 'Ended',
  'stage.wrap-up': 'Wrap-up',
  'direction.inbound': 'Inbound',
  'direction.outbound': 'Outbound',
  'call.customer': 'Customer',
  'call.unknownNumber': 'Unknown number',
  'call.queue': 'Queue',
  'call.campaign': 'Campaign',
  'call.timer': 'Time',
  'call.holds': 'Holds',
  'call.agent': 'Agent',
  'call.stages': 'Call stages',
  'idle.waiting': 'Waiting for a call',
  'idle.state': 'Your state: {state}',
  'script.title': 'Say now',
  'script.resume': 'Resuming',
  'script.none': 'No required phrase in this stage.',
  'script.saidIt': 'Said it',
  'script.confirmed': 'Said ✓',
  'script.closing': 'Move to closing',
  'script.next': 'Next',
  'notes.title': 'Notes',
  'notes.placeholder': 'Type the call notes here…',
  'notes.final': 'Notes are final.',
  'notes.hitsTitle': 'Forbidden phrases found',
  'notes.use': 'use “{suggestion}”',
  'notes.block': 'Not allowed',
  'notes.warn': 'Avoid',
  'notes.savedLocally': 'Draft saved on this computer',
  'wrapUp.title': 'Wrap-up',
  'wrapUp.remaining': 'Time left: {time}',
  'wrapUp.disposition': 'Disposition',
  'wrapUp.choose': 'Choose a disposition…',
  'wrapUp.ready': 'Ready for next call',
  'history.title': 'Recent calls',
  'history.empty': 'No calls yet.',
  'history.time': 'Time',
  'history.number': 'Number',
  'history.direction': 'Direction',
  'history.outcome': 'Outcome',
  'history.talk': 'Talk',
  'history.hits': 'Phrases',
  'history.loadFailed': 'Could not load recent calls.',
  'supervisor.title': 'Live calls',
  'supervisor.none': 'No live calls.',
  'login.title': 'Sign in to Cuecard',
  'login.subtitle': 'Agent console',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.error': 'Wrong user name or password.',
} as const;

/** A key of the console's text dictionaries. */
export type TextKey = keyof typeof en;

const zh: Record<TextKey, string> = {
  'app.name': 'Cuecard',
  'app.loading': '正在加载…',
  'app.loadFailed': '无法加载您的资料，正在重试…',
  'header.employeeNo': '工号 {no}',
  'header.logout': '退出登录',
  'header.language': '语言',
  'banner.disconnected': '连接已断开，正在重新连接…',
  'banner.pbx': '与交换机（PBX）的连接中断，通话信息可能不是最新的。',
  'error.dismiss': '关闭',
  'agentState.idle': '空闲',
  'agentState.ringing': '振铃中',
  'agentState.on-call': '通话中',
  'agentState.wrap-up': '话后处理',
  'stage.ringing': '振铃',
  'stage.greeting': '问候',
  'stage.conversation': '交谈',
  'stage.hold': '保持',
  'stage.transfer': '转接',
  'stage.closing': '结束语',
  'stage.ended': '已挂断',
  'stage.wrap-up': '话后处理',
  'direction.inbound': '呼入',
  'direction.outbound': '呼出',
  'call.customer': '客户',
  'call.unknownNumber': '未知号码',
  'call.queue': '队列',
  'call.campaign': '外呼活动',
  'call.timer': '时长',
  'call.holds': '保持次数',
  'call.agent': '坐席',
  'call.stages': '通话阶段',
  'idle.waiting': '等待来电',
  'idle.state': '当前状态：{state}',
  'script.title': '请说',
  'script.resume': '恢复通话',
  'script.none': '本阶段没有必说话术。',
  'script.saidIt': '已说',
  'script.confirmed': '已说 ✓',
  'script.closing': '进入结束语',
  'script.next': '接下来',
  'notes.title': '通话小结',
  'notes.placeholder': '在此输入通话小结…',
  'notes.final': '小结已定稿。',
  'notes.hitsTitle': '发现禁用语',
  'notes.use': '请改用“{suggestion}”',
  'notes.block': '禁止',
  'notes.warn': '避免',
  'notes.savedLocally': '草稿已保存在本机',
  'wrapUp.title': '话后处理',
  'wrapUp.remaining': '剩余时间：{time}',
  'wrapUp.disposition': '处理结果',
  'wrapUp.choose': '请选择处理结果…',
  'wrapUp.ready': '就绪，接听下一通',
  'history.title': '最近通话',
  'history.empty': '暂无通话。',
  'history.time': '时间',
  'history.number': '号码',
  'history.direction': '方向',
  'history.outcome': '结果',
  'history.talk': '通话',
  'history.hits': '禁用语',
  'history.loadFailed': '无法加载最近通话。',
  'supervisor.title': '实时通话',
  'supervisor.none': '当前没有通话。',
  'login.title': '登录 Cuecard',
  'login.subtitle': '坐席工作台',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.error': '用户名或密码错误。',
};

/** The dictionaries by language; both have exactly the same keys. */
export const dictionaries: Record<Lang, Record<TextKey, string>> = { 'zh-CN': zh, en };

export const LANGUAGES: readonly Lang[] = ['zh-CN', 'en'];

/** Where the chosen language is remembered in this browser. */
export const LANG_STORAGE_KEY = 'cuecard.lang';

/** Normalises a language tag ("zh", "zh-Hans-CN", "en-GB") to one the console has, or null. */
export function toLang(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The language to start with: remembered choice, else the browser's preference, else Chinese. */
export function initialLang(storage: Pick<Storage, 'getItem'> | null, browserLanguages: readonly string[]): Lang {
  let remembered: string | null = null;
  try {
    remembered = storage?.getItem(LANG_STORAGE_KEY) ?? null;
  } catch {
    remembered = null;
  }
  const fromStorage = toLang(remembered);
  if (fromStorage) return fromStorage;
  for (const tag of browserLanguages) {
    const lang = toLang(tag);
    if (lang) return lang;
  }
  return 'zh-CN';
}

/** Remembers the language in this browser (ignoring a full or disabled storage). */
export function rememberLang(storage: Pick<Storage, 'setItem'> | null, lang: Lang): void {
  try {
    storage?.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // the server remembers it too
  }
}

/** The text for a key in a language, with {name} placeholders filled in. */
export function t(lang: Lang, key: TextKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? en[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one language. */
export type Translate = (key: TextKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}
