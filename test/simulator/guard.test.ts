import { assertSimulatorMayStart } from '../../src/simulator/guard';

describe('assertSimulatorMayStart', () => {
  test('refuses NODE_ENV=production', () => {
    expect(() => assertSimulatorMayStart('127.0.0.1', { NODE_ENV: 'production' })).toThrow(
      /NODE_ENV=production/,
    );
  });

  test('refuses a non-loopback host', () => {
    expect(() => assertSimulatorMayStart('0.0.0.0', {})).toThrow(/binds to loopback only; host "0.0.0.0"/);
  });

  test('allows loopback in development', () => {
    expect(() => assertSimulatorMayStart('127.0.0.1', { NODE_ENV: 'development' })).not.toThrow();
    expect(() => assertSimulatorMayStart('::1', {})).not.toThrow();
  });
});
