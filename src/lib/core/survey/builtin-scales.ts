/**
 * The built-in scales, read from survey-templates/scales.csv: bundled into the app by Vite and
 * read by the command line through bin/raw-loader.js, so both score with the same file.
 */
import scalesCsv from '../../../../survey-templates/scales.csv?raw';
import { parseScales, type Scales } from './scales';

export const BUILT_IN_SCALES: Scales = parseScales('scales.csv', scalesCsv);
