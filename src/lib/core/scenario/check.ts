/**
 * What makes a scenario impossible against the loaded data. A saved scenario is checked again
 * whenever the data changes: the school it names may be gone, or a removal's row may now hold
 * another service.
 */
import { ROLES } from '../contract/vocabulary';
import type { Engine } from '../engine/engine';
import { serviceText, serviceWhere } from '../present/changes';
import { loadedFte, servicesByRow } from './queries';
import type { Change, ScenarioProblem } from './types';

export async function checkScenario(engine: Engine, changes: Change[]): Promise<ScenarioProblem[]> {
  const schools = new Set((await engine.query<{ school_id: string }>('SELECT school_id FROM main.schools')).map((r) => r.school_id));
  const fte = await loadedFte(engine);
  const services = await servicesByRow(engine, changes.flatMap((c) => (c.type === 'remove_service' ? [c.row] : [])));
  const problems: ScenarioProblem[] = [];
  changes.forEach((c, change) => {
    // '*' (every school) is a district-wide service's; FTE and screening counts belong to one school.
    const everyone = c.type === 'add_service' && c.school_id === '*';
    if ('school_id' in c && !everyone && !schools.has(c.school_id)) problems.push({ change, kind: 'school_not_loaded', school_id: c.school_id });
    if (c.type === 'remove_service') {
      // A removal remembers its service by the label it was made with: the row alone may now be another service.
      const found = services.get(c.row);
      const now = found && serviceText(found, serviceWhere(found.school_id, found.school_name));
      if (!now) problems.push({ change, kind: 'service_gone', row: c.row, label: c.label });
      else if (now !== c.label) problems.push({ change, kind: 'service_changed', row: c.row, label: c.label, now });
    }
    if ((c.type === 'fte' || c.type === 'ratio') && !ROLES.some((r) => r.role === c.role)) problems.push({ change, kind: 'not_a_role', role: c.role });
    if (c.type === 'fte') {
      const key = `${c.school_id}|${c.role}`;
      const after = (fte.get(key) ?? 0) + c.fte;
      if (after < -1e-9) problems.push({ change, kind: 'negative_fte', school_id: c.school_id, role: c.role, value: after });
      fte.set(key, after);
    }
  });
  return problems;
}
