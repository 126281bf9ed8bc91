/** What people read, in one place: the app, the reports and the command line all import it from here. */
export * from './numbers';
export * from './labels';
export * from './withheld';
export * from './changes';
export * from './gaps';
export * from './scales';
export * from './staffing';
