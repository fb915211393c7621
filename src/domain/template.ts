import { AppError } from './errors.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}/g;

export type TemplateVars = { readonly [key: string]: TemplateValue };
export type TemplateValue = string | number | boolean | null | undefined | TemplateVars;

// Replaces {{path.to.value}} with plain text in a single pass: inserted values are never scanned again,
// so a customer name like "{{agent.email}}" stays literal. Output is text, not HTML; channels that send
// HTML escape it themselves. Unknown or non-scalar variables render as an empty string.
export function renderTemplate(template: string, vars: TemplateVars): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = lookup(vars, path);
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  });
}

export function templateVariables(template: string): string[] {
  return [...new Set(Array.from(template.matchAll(PLACEHOLDER), (m) => m[1] ?? ''))];
}

// For saving a template: every placeholder must be one the sender can fill.
export function assertTemplateVariables(template: string, allowed: readonly string[]): void {
  const unknown = templateVariables(template).filter((v) => !allowed.includes(v));
  if (unknown.length > 0) throw new AppError('invalid', `unknown template variables: ${unknown.join(', ')}`, { unknown });
}

function lookup(vars: TemplateVars, path: string): TemplateValue {
  let value: TemplateValue = vars;
  for (const key of path.split('.')) {
    // Own properties only, so {{constructor}} or {{__proto__}} cannot reach into prototypes.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}
