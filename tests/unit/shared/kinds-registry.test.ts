import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { journalKinds, kind, kindLabels } from '../../../shared/journal/kinds';
import { domainsHandling } from '../../../shared/state';
import { domain } from '../../../shared/state/domain';

describe('the journal kind registry', () => {
  it('labels every kind in both languages, from its registration', () => {
    for (const [name, spec] of Object.entries(journalKinds)) {
      expect(spec.label.en, name).not.toBe('');
      expect(spec.label['zh-CN'], name).not.toBe('');
      expect(kindLabels[name]).toBe(spec.label);
    }
    expect(Object.keys(kindLabels).sort()).toEqual(Object.keys(journalKinds).sort());
  });

  it('says which parts of the state react to a kind', () => {
    expect(domainsHandling('alert.acknowledged')).toEqual(['alerts']);
    expect(domainsHandling('alert.raised')).toEqual(['alerts']); // not the wall: its alarms are derived from the alerts
    expect(domainsHandling('handover')).toEqual(['duty']);
    expect(domainsHandling('wall.push')).toEqual(['wall']);
    expect(domainsHandling('comms.attempt')).toEqual(['roster']);
    expect(domainsHandling('drill.started')).toEqual(['drill']);
    expect(domainsHandling('note')).toEqual([]);
  });

  it('types what a fold gets, and refuses to compile a misspelt kind, a kind without both labels or without a summary', () => {
    const d = domain<number>({
      init: () => 0,
      on: {
        'alert.raised': (n, p) => n + p.cameras.length,
        // @ts-expect-error a misspelt kind is not a registered kind
        'alert.acknowleged': (n: number) => n,
      },
    });
    expect(Object.keys(d.on)).toContain('alert.raised');
    // @ts-expect-error the label needs both languages
    const unlabelled = kind({ label: { en: 'Test' }, payload: z.strictObject({ a: z.string() }), text: (p) => p.a, summary: (p) => p.a });
    expect(unlabelled.label.en).toBe('Test');
    // @ts-expect-error every kind reads as a sentence: the summary is required
    const unsummarised = kind({ label: { en: 'Test', 'zh-CN': '测试' }, payload: z.strictObject({ a: z.string() }), text: (p) => p.a });
    expect(unsummarised.text({ a: 'x' })).toBe('x');
    const summarised = kind({ label: { en: 'Test', 'zh-CN': '测试' }, payload: z.strictObject({ a: z.number() }), text: (p) => String(p.a), summary: (p, c) => c.say({ en: `${p.a + 1} items`, 'zh-CN': `${p.a + 1} 项` }) });
    expect(summarised.label['zh-CN']).toBe('测试');
  });
});
