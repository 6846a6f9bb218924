// The journal feature's public surface: other features import from here only.
export { EntryRow, type EntryRowProps } from './EntryRow';
export { IntegrityBadge } from './IntegrityBadge';
export { JournalBanner } from './JournalBanner';
export { JournalPanel } from './JournalPanel';
export { createJournalSlice, type JournalSlice } from './journalSlice';
