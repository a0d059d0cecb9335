// Child process holding one peer system: bench.mjs sends it one message at a time
// ({op: 'load' | 'open' | 'query' | 'close'}) and may kill it when a query runs past the
// timeout. Query times are measured here, around the driver call and the reading of
// its rows, as ledd's --timing measures its query in-process.

import { SYSTEMS } from './systems.mjs';

const [system, dir, connection] = process.argv.slice(2);
const adapter = SYSTEMS[system](dir, connection ? JSON.parse(connection) : null);

// Kùzu's asynchronous calls do not hold the event loop open by themselves.
setInterval(() => {}, 1 << 30);

process.on('message', async (message) => {
  try {
    if (message.op === 'load') {
      const started = process.hrtime.bigint();
      await adapter.load(message.data);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The caller starts a fresh process to query: every system is queried after a
      // cold open, whether it was just loaded or loaded by an earlier run.
      process.send({ seconds }, () => process.exit(0));
    } else if (message.op === 'open') {
      await adapter.open();
      process.send({ bytes: await adapter.size(), version: await adapter.version() });
    } else if (message.op === 'query') {
      const started = process.hrtime.bigint();
      const result = await adapter[message.kind](...message.args);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.send({ result, ms });
    } else if (message.op === 'close') {
      await adapter.close();
      process.send({});
      process.exit(0);
    }
  } catch (error) {
    process.send({ error: String(error?.message ?? error) });
  }
});
