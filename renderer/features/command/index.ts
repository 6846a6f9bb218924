// The command feature's public surface: other features import from here only.
export { CommandCentreSection } from './CommandCentreSection';
export { createCommandSlice, type CommandSlice } from './commandSlice';
