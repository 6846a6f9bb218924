// The sitestate feature's public surface: other features import from here only.
export { ConsolesSection } from './ConsolesSection';
export { PeersBadge } from './PeersBadge';
export { createSiteStateSlice, type SiteStateSlice } from './siteStateSlice';
