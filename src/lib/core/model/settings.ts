import { settingsSchema, type Settings } from '../contract/settings';
import { ROLES } from '../contract/vocabulary';
import { sqlNumber, sqlString, type Engine } from '../engine/engine';

/**
 * Settings live in small tables the model's views read, so changing a ratio or a tier rate
 * changes every figure at once without loading anything again.
 */
export function settingsSql(input: Settings): string {
  const settings = settingsSchema.parse(input);
  const ratios = ROLES.map((r, i) => `(${sqlString(r.role)}, ${sqlNumber(i + 1)}, ${sqlNumber(settings.ratios[r.role])})`).join(', ');
  const rates = ([1, 2, 3] as const).map((t) => `(${sqlNumber(t)}, ${sqlNumber(settings.tierRates[t])})`).join(', ');
  return `
    CREATE OR REPLACE TABLE settings_role_ratio (role VARCHAR, role_order INTEGER, ratio DOUBLE);
    INSERT INTO settings_role_ratio VALUES ${ratios};
    CREATE OR REPLACE TABLE settings_tier_rate (tier INTEGER, rate DOUBLE);
    INSERT INTO settings_tier_rate VALUES ${rates};
    CREATE OR REPLACE TABLE settings_survey (min_n INTEGER);
    INSERT INTO settings_survey VALUES (${sqlNumber(settings.suppressionThreshold)});`;
}

export async function applySettings(engine: Engine, settings: Settings): Promise<void> {
  await engine.exec(settingsSql(settings));
}
