// A journal writer process for the crash test: opens the journal, then
// appends bursts of concurrent entries forever, printing "logged <seq> <hash>"
// for each entry only after the journal says it is committed. The parent
// kills it with SIGKILL at random moments. (stdout to a pipe is synchronous
// on Linux, so every printed line was printed before the kill.)
// With a NATS URL as third argument it also runs the upstream relay, so the
// kill lands mid-publish too.
import { journalKinds } from '../../shared/journal/kinds';
import { NatsLink } from '../../electron/core/bus/natsLink';
import { JournalService, journalPaths } from '../../electron/core/journal/service';
import { systemClock } from '../../electron/core/support/clock';
import { createLog } from '../../electron/core/support/log';
import { JournalRelay } from '../../electron/core/sync/relay';

const [dataDir, workerFile, natsUrl] = process.argv.slice(2);
if (!dataDir || !workerFile) throw new Error('usage: crashChild <dataDir> <workerFile>');

const journal = await JournalService.open({
  paths: journalPaths(dataDir),
  worker: { file: workerFile },
  site: 'crash-site',
  consoleId: 'c-crashconsole',
  kinds: journalKinds,
  clock: systemClock,
  log: createLog({ level: 'error' }),
  checkpointEvery: 50,
});
if (natsUrl) {
  const log = createLog({ level: 'error' });
  const link = new NatsLink({ servers: [natsUrl], name: 'crash child', clock: systemClock, random: Math.random, log });
  const relay = new JournalRelay({ journal, link, site: 'crash-site', consoleId: 'c-crashconsole', clock: systemClock, random: Math.random, log });
  await relay.start();
  link.start();
}
process.stdout.write(`ready ${journal.status().headSeq}\n`);
let n = 0;
for (;;) {
  const burst = Array.from({ length: 16 }, () => {
    n += 1;
    return journal
      .append({ kind: 'note', payload: { text: `crash test entry ${n} 值班记录` } }, { actor: 'crash-test' })
      .then((e) => process.stdout.write(`logged ${e.seq} ${e.hash}\n`));
  });
  await Promise.all(burst);
}
