import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../electron/host/electronBinary';

describe('Electron binary lookup', () => {
  it('answers from the disk without trying to download (none is installed on build machines)', () => {
    const started = Date.now();
    const found = findElectronBinary();
    expect(Date.now() - started).toBeLessThan(1000);
    if (found !== undefined) expect(found).toMatch(/electron/i);
  });
});
