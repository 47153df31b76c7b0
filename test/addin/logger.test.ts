import { createLogger } from '../../src/addin/logger';

describe('createLogger', () => {
  const originalEnvironment = process.env.NODE_ENV;
  let error: jest.SpyInstance;
  let debug: jest.SpyInstance;

  beforeEach(() => {
    error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    debug = jest.spyOn(console, 'debug').mockImplementation(() => undefined);
  });

  afterEach(() => {
    process.env.NODE_ENV = originalEnvironment;
    jest.restoreAllMocks();
  });

  test('production keeps errors only', () => {
    process.env.NODE_ENV = 'production';
    const log = createLogger('unit');

    log.debug('hidden');
    log.error('shown', { code: 'x' });

    expect(debug).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith('[readmark:unit] shown', { code: 'x' });
  });

  test('development logs debug lines', () => {
    process.env.NODE_ENV = 'development';
    createLogger('unit').debug('visible');

    expect(debug).toHaveBeenCalledWith('[readmark:unit] visible', {});
  });

  test('tests log nothing', () => {
    process.env.NODE_ENV = 'test';
    createLogger('unit').error('silent');

    expect(error).not.toHaveBeenCalled();
  });
});
