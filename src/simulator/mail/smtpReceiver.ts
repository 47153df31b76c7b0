import { SMTPServer } from 'smtp-server';
import { findUser, type SimulatedTenant } from '../users';
import { deliverToInboxes } from './delivery';
import type { MailboxStore } from './mailboxStore';

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the simulated tenant's inbound mail server on loopback. It accepts mail only for the
 * tenant's own users and without authentication, as a receiving MX does.
 */
export async function startSmtpReceiver(options: {
  store: MailboxStore;
  tenant: SimulatedTenant;
  host: string;
  port: number;
  now: () => number;
  onError: (error: unknown) => void;
}): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    banner: 'Readmark simulator',
    size: 10 * 1024 * 1024,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (findUser(options.tenant, address.address)) {
        callback();
        return;
      }
      const error = Object.assign(new Error(`No mailbox for ${address.address} in the simulated tenant.`), {
        responseCode: 550,
      });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        deliverToInboxes(options.store, options.tenant, recipients, Buffer.concat(chunks), options.now).then(
          () => callback(),
          (error: unknown) => {
            options.onError(error);
            callback(Object.assign(new Error('Delivery failed in the simulator.'), { responseCode: 451 }));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', options.onError);

  const address = server.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
