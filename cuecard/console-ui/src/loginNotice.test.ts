import { describe, expect, it } from 'vitest';
import { t } from './i18n';
import { loginNotice } from './loginNotice';

describe('loginNotice', () => {
  it('reads the redirects to the login page', () => {
    expect(loginNotice('')).toEqual({ kind: 'none' });
    expect(loginNotice('?error')).toEqual({ kind: 'error' });
    expect(loginNotice('?error=true')).toEqual({ kind: 'error' });
    expect(loginNotice('?ended')).toEqual({ kind: 'ended' });
    expect(loginNotice('?unavailable')).toEqual({ kind: 'unavailable' });
  });

  it('turns the Retry-After seconds into whole minutes, at least one', () => {
    expect(loginNotice('?throttled=60')).toEqual({ kind: 'throttled', minutes: 1 });
    expect(loginNotice('?throttled=3')).toEqual({ kind: 'throttled', minutes: 1 });
    expect(loginNotice('?throttled=61')).toEqual({ kind: 'throttled', minutes: 2 });
    expect(loginNotice('?throttled=900')).toEqual({ kind: 'throttled', minutes: 15 });
    expect(loginNotice('?throttled=nonsense')).toEqual({ kind: 'throttled', minutes: 1 });
  });

  it('has its texts in both languages', () => {
    expect(t('en', 'login.throttled', { minutes: 4 })).toBe('Too many failed attempts. Try again in 4 min.');
    expect(t('zh-CN', 'login.throttled', { minutes: 4 })).toBe('尝试次数过多，请 4 分钟后再试。');
    expect(t('en', 'login.ended')).toContain('session has ended');
    expect(t('zh-CN', 'login.ended')).toContain('会话已结束');
    expect(t('en', 'login.unavailable')).toBe('The service is temporarily unavailable. Please try again in a moment.');
    expect(t('zh-CN', 'login.unavailable')).toBe('服务暂时不可用，请稍后再试。');
  });
});
