/** The consent purpose that lets agents contact a person first; the app records it by this name. */
export const OUTREACH_PURPOSE = 'outreach';
