import { SenderNetworkRecorder } from '../../../src/server/core/senderNetworks';
import type { Sender } from '../../../src/server/store/trackingStore';

const SENDER: Sender = { tenantId: 'tenant-1', objectId: 'user-1' };
const START = Date.parse('2026-03-02T09:00:00.000Z');

function createRecorder(fail = false) {
  let time = START;
  const writes: Array<[Sender, string, Date]> = [];
  const recorder = new SenderNetworkRecorder({
    store: {
      recordSenderNetwork: (sender, network, at) => {
        if (fail) return Promise.reject(new Error('disk full'));
        writes.push([sender, network, at]);
        return Promise.resolve();
      },
    },
    addressMinimisation: { ipv4PrefixBits: 24, ipv6PrefixBits: 48 },
    writeIntervalMs: 300_000,
    now: () => new Date(time),
  });
  return { recorder, writes, advance: (ms: number) => (time += ms) };
}

describe('SenderNetworkRecorder', () => {
  it('writes the minimised network once per interval', async () => {
    const { recorder, writes, advance } = createRecorder();

    await recorder.note(SENDER, '203.0.113.7');
    await recorder.note(SENDER, '203.0.113.99');
    advance(299_999);
    await recorder.note(SENDER, '203.0.113.7');
    advance(1);
    await recorder.note(SENDER, '203.0.113.7');

    expect(writes).toEqual([
      [SENDER, '203.0.113.0/24', new Date(START)],
      [SENDER, '203.0.113.0/24', new Date(START + 300_000)],
    ]);
  });

  it('writes each sender and network apart', async () => {
    const { recorder, writes } = createRecorder();
    const other = { ...SENDER, objectId: 'user-2' };

    await recorder.note(SENDER, '203.0.113.7');
    await recorder.note(other, '203.0.113.7');
    await recorder.note(SENDER, '2001:db8:1:2::5');

    expect(writes.map(([sender, network]) => [sender.objectId, network])).toEqual([
      ['user-1', '203.0.113.0/24'],
      ['user-2', '203.0.113.0/24'],
      ['user-1', '2001:db8:1::/48'],
    ]);
  });

  it('skips an address that is not an IP address', async () => {
    const { recorder, writes } = createRecorder();

    await recorder.note(SENDER, undefined);
    await recorder.note(SENDER, 'unix-socket');

    expect(writes).toEqual([]);
  });

  it('rejects a failed write and tries again on the next call', async () => {
    const { recorder } = createRecorder(true);

    await expect(recorder.note(SENDER, '203.0.113.7')).rejects.toThrow('disk full');
    await expect(recorder.note(SENDER, '203.0.113.7')).rejects.toThrow('disk full');
  });
});
