import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../../electron/host/electronBinary';

describe('Electron binary lookup', () => {
  it('answers from the disk without starting a download (none is installed on build machines)', () => {
    const writes: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => writes.push(String(chunk)) > 0);
    try {
      const found = findElectronBinary();
      if (found !== undefined) expect(found).toMatch(/electron/i);
    } finally {
      process.stdout.write = original;
    }
    expect(writes.join('')).not.toContain('Downloading Electron');
  });
});
