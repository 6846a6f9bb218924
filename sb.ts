import Database from 'better-sqlite3';
import { JournalStore } from './electron/core/journal/store';
import { prepareDraft } from './electron/core/journal/prepare';
import { loadOrCreateSigner } from './electron/core/journal/signer';
import { journalKinds } from './shared/journal/kinds';
import { migrate } from './electron/core/journal/migrations';
import { spaceCjk } from './shared/journal/searchText';
import { tempDir } from './tests/support/paths';
const N = 200000;
for (let round = 0; round < 2; round++) {
const dir = tempDir('sb');
const store = JournalStore.open({ file: `${dir}/j.sqlite`, site: 's', consoleId: 'c', signer: loadOrCreateSigner(`${dir}/k.pem`) }, 1);
const drafts = Array.from({ length: N }, (_, i) => prepareDraft(journalKinds, { kind: 'note', payload: { text: `北侧围墙 巡逻正常 第${i}次` } }, { actor: 'a', now: 1 + i, mode: 'LIVE', allowSystem: false }).prepared);
let t = performance.now();
for (let i = 0; i < N; i += 2000) store.append(drafts.slice(i, i + 2000));
const storeMs = performance.now() - t;
const bare = new Database(`${dir}/b.sqlite`); bare.pragma('journal_mode = WAL'); bare.pragma('synchronous = FULL'); migrate(bare, 'b');
const ins = bare.prepare('INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'); const fts = bare.prepare('INSERT INTO entries_fts (rowid, text) VALUES (?, ?)');
t = performance.now();
for (let i = 0; i < N; i += 2000) bare.transaction(() => { for (let k = i; k < i + 2000; k++) { const d = drafts[k]!; ins.run(k + 1, `0190a5d0-ac96-774b-bcce-${String(k).padStart(12, '0')}`, 's', 'c', 'note', 1 + k, '000000000000001.000000', 'a', 'LIVE', null, d.payloadText, 'p'.repeat(64), 'h'.repeat(64)); fts.run(k + 1, spaceCjk(d.text)); } })();
const bareMs = performance.now() - t;
console.log('store', (N / storeMs * 1000).toFixed(0), 'bare', (N / bareMs * 1000).toFixed(0), 'ratio', (storeMs / bareMs).toFixed(2));
}
