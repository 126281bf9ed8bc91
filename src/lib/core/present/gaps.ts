import { count } from './numbers';

/** The count the Map and the command line say for one tier: "46 of 127 schools have a gap". */
export function schoolsWithGapText(withGap: number, schools: number): string {
  return `${count(withGap)} of ${count(schools)} ${schools === 1 ? 'school has' : 'schools have'} a gap`;
}
