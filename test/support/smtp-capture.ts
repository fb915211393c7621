import { SMTPServer } from 'smtp-server';

export interface Captured {
  rcptTo: string[];
  raw: Buffer;
}

/** The company's outgoing mail server: takes mail after a login and keeps what it got. */
export async function startCapturingSmtp(user: string, pass: string): Promise<{ port: number; mails: Captured[]; close(): Promise<void> }> {
  const mails: Captured[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) callback(null, { user });
      else callback(Object.assign(new Error('Invalid login'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, mails, close: () => new Promise((r) => server.close(() => r())) };
}

