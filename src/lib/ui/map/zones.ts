/**
 * The user's own boundaries as a choropleth: equal-width classes of one numeric property, in
 * blues, which stay apart from the marks' orange–purple for every common colour-vision type.
 */
import { scaleQuantize } from 'd3';
import type { Feature, Geometry } from 'geojson';
import { numericValue, type Boundaries } from './geo';
import type { Overlay } from './draw';

export const ZONE_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

export interface ZoneClass {
  label: string;
  color: string;
}

const figure = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Classes of a property across the features, from a rounded range. */
export function zoneScale(values: number[]): { colour: (v: number) => string; classes: ZoneClass[] } {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return { colour: () => ZONE_COLOURS[0], classes: [] };
  let [min, max] = [Math.min(...finite), Math.max(...finite)];
  if (min === max) return { colour: () => ZONE_COLOURS[2], classes: [{ label: figure.format(min), color: ZONE_COLOURS[2] }] };
  const scale = scaleQuantize<string>().domain([min, max]).nice().range(ZONE_COLOURS);
  [min, max] = scale.domain();
  const classes = ZONE_COLOURS.map((color) => {
    const [low, high] = scale.invertExtent(color);
    return { label: `${figure.format(low)} to ${figure.format(high)}`, color };
  });
  return { colour: (v) => scale(v), classes };
}

/** The property that names a feature best: one called name, else the first text property. */
export function nameProperty(boundaries: Boundaries): string | null {
  return boundaries.labels.find((k) => /name/i.test(k)) ?? boundaries.labels[0] ?? null;
}

/** The overlay to draw: filled by `property` where one is chosen, outlines otherwise. */
export function zoneOverlay(boundaries: Boundaries, property: string | null): { overlay: Overlay; classes: ZoneClass[] } {
  const label = nameProperty(boundaries);
  const value = (f: Feature<Geometry>) => (property ? numericValue(f.properties?.[property]) : null);
  const scale = property ? zoneScale(boundaries.features.map((f) => value(f) ?? NaN)) : null;
  return {
    classes: scale?.classes ?? [],
    overlay: {
      features: boundaries.features,
      fill: (f) => {
        const v = value(f);
        return scale && v !== null ? scale.colour(v) : null;
      },
      title: (f) => {
        const name = label ? String(f.properties?.[label] ?? '') : '';
        const v = value(f);
        return [name, property && v !== null ? `${property}: ${figure.format(v)}` : ''].filter(Boolean).join(' · ');
      }
    }
  };
}
