/**
 * The map's questions: where the schools are, and need against capacity for one tier, narrowed
 * to one service type or one kind of provider. Framework-free, so the tests check these numbers.
 */
import { sqlNumber, sqlString, type Engine } from '../engine/engine';
import { tierGapsSelect } from './gaps';

/** What the map colours by: a tier (or every tier), optionally one service type and one kind of provider. */
export interface MapChoice {
  /** One tier; absent for all three at once, so the map can switch tiers without asking again. */
  tier?: number | null;
  /** A service type (`individual_counseling`); empty or absent for every service. */
  service?: string | null;
  providerType?: 'school' | 'community' | null;
}

export interface MapPlace {
  school_id: string;
  school_name: string;
  level: string | null;
  enrollment: number;
  latitude: number | null;
  longitude: number | null;
}

/** Every school, in file order, with its coordinates where it has both. */
export function mapPlaces(engine: Engine): Promise<MapPlace[]> {
  return engine.query(`
    SELECT school_id, school_name, level, enrollment, latitude, longitude
    FROM schools ORDER BY _row`);
}

export interface MapFigure {
  school_id: string;
  tier: number;
  need: number;
  capacity: number;
  gap: number;
  coverage: number | null;
  /** The model's rule: the gap rounds to one student or more. */
  has_gap: boolean;
}

/** The services a choice counts, as a WHERE clause over `services`. */
export function choiceWhere(choice: MapChoice): string {
  const where = ['TRUE'];
  if (choice.tier) where.push(`tier = ${sqlNumber(choice.tier)}`);
  if (choice.service) where.push(`service = ${sqlString(choice.service)}`);
  if (choice.providerType) where.push(`provider_type = ${sqlString(choice.providerType)}`);
  return where.join(' AND ');
}

/**
 * Need against capacity for every school under one choice, by tier. Need is the tier's need (a
 * service type or a provider type meets part of it, never changes it); capacity follows the gap
 * model over only the chosen services: the school's own, plus district-wide (`*`) ones shared out
 * in proportion to need. With no service or provider type chosen, this equals `tier_gaps` (the
 * tests hold it to that).
 *
 * The gap model's own builder (gaps.ts) answers it, with the chosen services only.
 */
export function mapFigures(engine: Engine, choice: MapChoice): Promise<MapFigure[]> {
  return engine.query(`
    SELECT school_id, tier, need, capacity, gap, coverage, has_gap
    FROM (${tierGapsSelect({ services: choiceWhere(choice), tier: choice.tier ?? undefined })})
    ORDER BY school_order, tier`);
}

export interface ServiceTier {
  service: string;
  tier: number;
  capacity: number;
}

/** Which service types the inventory lists at which tiers, so the map can say when a choice is empty. */
export function serviceTiers(engine: Engine): Promise<ServiceTier[]> {
  return engine.query(`
    SELECT service, tier, sum(capacity)::DOUBLE AS capacity FROM services
    GROUP BY service, tier ORDER BY service, tier`);
}
