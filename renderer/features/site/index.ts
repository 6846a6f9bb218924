// The site feature's public surface: other features import from here only.
export { createSiteSlice, type SiteSlice } from './siteSlice';
