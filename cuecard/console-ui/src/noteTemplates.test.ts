import { describe, expect, it } from 'vitest';
import { appendSentence, localized, missingRequired, renderSentence, updateSentence } from './noteTemplates';
import { complaintTemplate } from './test/fixtures';

const complaint = complaintTemplate;

describe('note templates', () => {
  it('fills the standard sentence, leaving unfilled fields visible', () => {
    expect(renderSentence(complaint, { serialNo: 'SN-1', plateNo: ' 沪A12345 ', fault: '' })).toBe(
      '客户投诉（流水号SN-1，车牌沪A12345）：{fault}。',
    );
    expect(renderSentence(complaint, {})).toBe(complaint.sentence);
  });

  it('lists the required fields still empty', () => {
    expect(missingRequired(complaint, { serialNo: 'SN-1', plateNo: '  ' })).toEqual(['plateNo']);
  });

  it('replaces the previous sentence where it stands, fills empty notes, leaves a rewritten sentence alone', () => {
    expect(updateSentence('', null, 'S2')).toBe('S2');
    expect(updateSentence('before S1 after', 'S1', 'S2')).toBe('before S2 after');
    expect(updateSentence('the agent rewrote it', 'S1', 'S2')).toBeNull();
    expect(updateSentence('a $& b', '$&', 'x$1')).toBe('a x$1 b');
  });

  it('appends a sentence on its own line', () => {
    expect(appendSentence('', 'S')).toBe('S');
    expect(appendSentence('notes', 'S')).toBe('notes\nS');
    expect(appendSentence('notes\n', 'S')).toBe('notes\nS');
  });

  it('picks the console language, then the other one, then the fallback', () => {
    expect(localized({ 'zh-CN': '投诉', en: 'Complaint' }, 'en')).toBe('Complaint');
    expect(localized({ 'zh-CN': '投诉' }, 'en')).toBe('投诉');
    expect(localized(undefined, 'zh-CN', 'id')).toBe('id');
  });
});
