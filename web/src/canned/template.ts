export interface TemplateContext {
  contact: { name: string | null };
  agent: { name: string };
}

function firstName(name: string | null): string {
  return (name ?? '').trim().split(/\s+/)[0] ?? '';
}

/**
 * Fills `{{contact.firstName}}`, `{{contact.name}}` and `{{agent.name}}` in one pass over the
 * template: a value that itself contains `{{…}}` (a customer can name themselves anything) is
 * inserted as plain text and never expanded. Unknown variables stay as written.
 */
export function renderTemplate(template: string, ctx: TemplateContext): string {
  const values: Record<string, string> = {
    'contact.firstName': firstName(ctx.contact.name),
    'contact.name': ctx.contact.name?.trim() ?? '',
    'agent.name': ctx.agent.name,
  };
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
