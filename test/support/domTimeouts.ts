import { configure } from '@testing-library/dom';

// Fluent UI dialogs and transitions settle on timers. On a loaded two-core CI machine the
// library's default one-second wait for `findBy*` and `waitFor` is too short, so allow longer.
configure({ asyncUtilTimeout: 5000 });
