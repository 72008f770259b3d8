/** How CoverHound is named in errors and logs, from every module of this folder. */
export const COVERHOUND = 'CoverHound';
