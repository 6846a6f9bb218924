import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { method } from '../../../shared/contract';
import { createDispatcher } from '../../../shared/contract/dispatch';
import { ConsoleError } from '../../../shared/errors';

const contract = {
  add: method(z.tuple([z.number(), z.number()]), z.number()),
  fail: method(z.tuple([]), z.void()),
  refuse: method(z.tuple([]), z.void()),
} as const;

const log = { warn: vi.fn(), error: vi.fn() };
const dispatch = createDispatcher(contract, {
  add: async (a, b) => a + b,
  fail: async () => {
    throw new Error('boom');
  },
  refuse: async () => {
    throw new ConsoleError('conflict', 'already acknowledged');
  },
}, log);

describe('contract dispatcher', () => {
  it('parses arguments and returns the handler result', async () => {
    expect(await dispatch('add', [2, 3])).toEqual({ ok: true, v: 5 });
  });

  it('refuses invalid arguments with field-level issues and never calls the handler', async () => {
    const result = await dispatch('add', [2, 'three']);
    expect(result).toEqual({
      ok: false,
      err: { code: 'invalid-argument', message: expect.stringContaining('add arguments invalid') as string, issues: [{ path: '[1]', message: expect.any(String) as string }] },
    });
    expect(log.warn).toHaveBeenCalled();
  });

  it('refuses unknown methods, including inherited property names', async () => {
    expect(await dispatch('drop', [])).toMatchObject({ ok: false, err: { code: 'unknown-method' } });
    expect(await dispatch('toString', [])).toMatchObject({ ok: false, err: { code: 'unknown-method' } });
    expect(await dispatch('__proto__', [])).toMatchObject({ ok: false, err: { code: 'unknown-method' } });
  });

  it('passes typed errors through and hides unexpected ones behind internal', async () => {
    expect(await dispatch('refuse', [])).toEqual({ ok: false, err: { code: 'conflict', message: 'already acknowledged' } });
    expect(await dispatch('fail', [])).toEqual({ ok: false, err: { code: 'internal', message: 'boom' } });
    expect(log.error).toHaveBeenCalled();
  });

  it('refuses arguments that are not an array', async () => {
    expect(await dispatch('add', { 0: 1, 1: 2 })).toMatchObject({ ok: false, err: { code: 'invalid-argument' } });
  });
});
