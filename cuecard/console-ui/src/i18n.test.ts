import { describe, expect, it } from 'vitest';
import { LANGUAGES, dictionaries, initialLang, rememberLang, t, toLang } from './i18n';
import { STAGES } from './types';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const en = dictionaries.en;
  const zh = dictionaries['zh-CN'];

  it('both languages have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('no text is empty, and Chinese texts are really translated', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(dictionaries[lang])) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
    const untranslated = Object.keys(en).filter((key) => key !== 'app.name' && zh[key as keyof typeof zh] === en[key as keyof typeof en]);
    expect(untranslated).toEqual([]);
  });

  it('both languages use the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
  });

  it('has a label for every stage and agent state', () => {
    for (const stage of STAGES) expect(en).toHaveProperty(`stage.${stage}`);
    for (const state of ['idle', 'ringing', 'on-call', 'wrap-up']) expect(en).toHaveProperty(`agentState.${state}`);
  });
});

describe('t', () => {
  it('fills in placeholders', () => {
    expect(t('en', 'wrapUp.remaining', { time: '0:42' })).toBe('Time left: 0:42');
    expect(t('zh-CN', 'header.employeeNo', { no: 1001 })).toBe('工号 1001');
  });

  it('leaves unknown placeholders alone', () => {
    expect(t('en', 'wrapUp.remaining')).toBe('Time left: {time}');
  });
});

describe('language choice', () => {
  const store = (value: string | null) => ({ getItem: () => value });

  it('normalises browser language tags', () => {
    expect(toLang('zh-Hans-CN')).toBe('zh-CN');
    expect(toLang('zh-TW')).toBe('zh-CN');
    expect(toLang('en-GB')).toBe('en');
    expect(toLang('fr')).toBeNull();
    expect(toLang(null)).toBeNull();
  });

  it('prefers the remembered language, then the browser, then Chinese', () => {
    expect(initialLang(store('en'), ['zh-CN'])).toBe('en');
    expect(initialLang(store(null), ['fr-FR', 'en-US'])).toBe('en');
    expect(initialLang(store('garbage'), ['zh'])).toBe('zh-CN');
    expect(initialLang(null, ['de'])).toBe('zh-CN');
  });

  it('survives a storage that throws', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(initialLang(broken, ['en'])).toBe('en');
    expect(() => rememberLang(broken, 'en')).not.toThrow();
  });
});
