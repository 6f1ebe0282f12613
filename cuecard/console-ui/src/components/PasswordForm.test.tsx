import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n';
import { apiError, fakeApi, json } from '../test/fakeApi';
import { PasswordForm } from './PasswordForm';

const t = translator('en');
const field = (name: string) => screen.getByTestId('password-form').querySelector(`[name="${name}"]`) as HTMLInputElement;
const fill = (current: string, next: string, repeat = next) => {
  fireEvent.change(field('current'), { target: { value: current } });
  fireEvent.change(field('new'), { target: { value: next } });
  fireEvent.change(field('repeat'), { target: { value: repeat } });
  fireEvent.submit(screen.getByTestId('password-form'));
};

describe('PasswordForm', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('checks length and repetition before asking the server, then changes the password', async () => {
    const requests = fakeApi((request) => (request.url === '/api/me/password' ? new Response(null, { status: 204 }) : undefined));
    render(<PasswordForm t={t} onClose={() => {}} />);
    fill('old-password-1', 'short');
    expect(screen.getByTestId('password-error').textContent).toBe('The new password needs at least 12 characters.');
    fill('old-password-1', 'a-new-password', 'another-one-x');
    expect(screen.getByTestId('password-error').textContent).toBe('The two new passwords differ.');
    expect(requests).toHaveLength(0);

    fill('old-password-1', 'a-new-password');
    expect((await screen.findByTestId('password-changed')).textContent).toBe(
      'Password changed. Your other sessions have been ended.',
    );
    expect(requests).toEqual([{ method: 'PUT', url: '/api/me/password', body: { current: 'old-password-1', new: 'a-new-password' } }]);
  });

  it('says when the current password is wrong, and when there were too many attempts', async () => {
    let answer = json({ error: 'The current password is wrong', status: 400, fields: [{ field: 'current', message: 'wrong' }] }, 400);
    fakeApi(() => answer);
    render(<PasswordForm t={t} onClose={() => {}} />);
    fill('not-it-at-all', 'a-new-password');
    expect((await screen.findByTestId('password-error')).textContent).toBe('The current password is wrong.');

    const throttled = apiError(429, 'Too many failed logins');
    throttled.headers.set('Retry-After', '130');
    answer = throttled;
    fill('not-it-again', 'a-new-password');
    expect((await screen.findByText('Too many failed attempts. Try again in 3 min.'))).toBeTruthy();
  });
});
