/** The most people signed in at one desk (监控室双人值班): the core refuses a third (electron/core/access/sessions.ts MAX_PEOPLE). */
export const MAX_PEOPLE_AT_DESK = 2;
