// A process with host mode's last-resort handler and nothing else: serves "ok"
// on 127.0.0.1, prints "port <n>", then throws where nothing catches, once
// synchronously in a timer and once as a rejected promise. The parent checks
// it is still there and still answering afterwards.
import { createServer } from 'node:http';
import { createLog } from '../../electron/core/support/log';
import { installLastResort } from '../../electron/core/support/lastResort';

installLastResort(createLog({ level: 'info' }));
const server = createServer((_req, res) => res.end('ok'));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`port ${typeof address === 'object' && address ? address.port : 0}\n`);
  setTimeout(() => {
    throw new Error('boom from a timer');
  }, 10);
  setTimeout(() => void Promise.reject(new Error('rejected with no catch')), 20);
  setTimeout(() => process.stdout.write('still here\n'), 100);
});
