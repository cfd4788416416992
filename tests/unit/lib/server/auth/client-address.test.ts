import { describe, expect, test } from 'vitest';
import { clientAddress } from '../../../../../src/lib/server/auth/client-address.ts';

describe('clientAddress', () => {
  test('behind a local proxy, takes the address the proxy appended, not what the client wrote', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::1', '10.0.0.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', ' 198.51.100.4 ')).toBe('198.51.100.4');
  });

  test('ignores X-Forwarded-For from anyone but loopback, and keeps loopback without it', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9')).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1', null)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '')).toBe('127.0.0.1');
  });
});
