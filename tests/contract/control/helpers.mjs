// Shared by the control-plane contract tests: the emulator's root URL, a call to its /_emulator routes, unique names,
// the skip options of parity mode (all from ../common.mjs). Every one of these tests is emulatorOnly: the control plane
// is the emulator's own.

export { EMULATOR_URL, control, emulatorOnly, filesOnly, unique } from '../common.mjs';

// The Botpress client falls back to BP_* environment variables; these tests pass everything explicitly.
for (const name of ['BP_API_URL', 'BP_TOKEN', 'BP_WORKSPACE_ID', 'BP_BOT_ID', 'BP_INTEGRATION_ID']) delete process.env[name];
