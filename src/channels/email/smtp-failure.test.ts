import { describe, expect, it } from 'vitest';
import { smtpFailure } from './smtp-failure.js';

describe('SMTP failures', () => {
  it('retries what may pass, stops on what will not', () => {
    expect(smtpFailure({ code: 'EENVELOPE', responseCode: 451, response: '451 greylisted' }).code).toBe('unavailable');
    expect(smtpFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).code).toBe('unavailable');
    expect(smtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }).code).toBe('unauthorized');
    expect(smtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' })).toMatchObject({ code: 'invalid', message: expect.stringContaining('550 no such user') });
    expect(smtpFailure(new Error('odd')).code).toBe('invalid');
  });
});
