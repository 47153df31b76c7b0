/**
 * Invented application ids of the simulated tenant's app registrations. The add-in's development
 * build and the tracking server are configured with the same values when they run against the
 * simulator (`readmark dev`).
 */
export const SIMULATED_API_CLIENT_ID = '5b3c9e0a-7d41-4f2e-a6b8-3c9d0e1f2a4b';
export const SIMULATED_ADDIN_CLIENT_ID = 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b2c4d6e8f';

/** Default loopback ports of `readmark dev`: the tracking server, the simulator and its SMTP server. */
export const DEFAULT_SERVER_PORT = 3000;
export const DEFAULT_SIMULATOR_PORT = 3100;
export const DEFAULT_SMTP_PORT = 2525;
