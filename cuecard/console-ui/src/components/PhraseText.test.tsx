import { render, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { PhraseText } from './PhraseText';

describe('PhraseText', () => {
  it('shows unfilled variables as named slots, keeping the text around them', () => {
    const { container } = render(<PhraseText text="{surname}{honorific},很抱歉让您久等了" t={translator('zh-CN')} />);
    const slots = within(container).getAllByTestId('placeholder');
    expect(slots.map((s) => s.dataset.var)).toEqual(['surname', 'honorific']);
    expect(slots[1].textContent).toBe('先生/女士');
    expect(container.textContent).toBe('客户姓氏先生/女士,很抱歉让您久等了');
  });

  it('names an unknown variable by itself and leaves plain text alone', () => {
    const named = render(<PhraseText text="Hello {agentNickname}!" t={translator('en')} />);
    expect(within(named.container).getByTestId('placeholder').textContent).toBe('agentNickname');
    const { container } = render(<PhraseText text="No variables here." t={translator('en')} />);
    expect(container.textContent).toBe('No variables here.');
  });
});
