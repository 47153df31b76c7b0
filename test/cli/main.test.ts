import { buildProgram } from '../../src/cli/main';

test('program is named readmark', () => {
  expect(buildProgram().name()).toBe('readmark');
});
