/**
 * The seed indicator catalogue (src/shared/data/indicator-catalogue.json): the platform's own
 * reconstruction, loaded into the database as the first catalogue version.
 */
import seed from '../data/indicator-catalogue.json' with { type: 'json' };
import type { IndicatorCatalogue } from './catalogue.js';

export const SEED_CATALOGUE = seed as IndicatorCatalogue;
