import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { assertTemplateVariables, renderTemplate, templateVariables } from './template.js';

describe('renderTemplate', () => {
  const vars = { contact: { firstName: 'Jana', lastName: 'Schmidt', orders: 3, vip: true }, ticket: { id: 'T-42' } };

  it('fills nested variables and tolerates spaces inside the braces', () => {
    expect(renderTemplate('Hallo {{contact.firstName}} {{ contact.lastName }}, Ticket {{ticket.id}} ({{contact.orders}}, {{contact.vip}}) 🙂', vars)).toBe(
      'Hallo Jana Schmidt, Ticket T-42 (3, true) 🙂',
    );
  });

  it('renders unknown, null and object values as empty text', () => {
    expect(renderTemplate('[{{contact.middleName}}][{{contact}}][{{nothing.at.all}}][{{x}}]', { ...vars, x: null })).toBe('[][][][]');
  });

  it('keeps variable values literal: no second pass, no replacement patterns, no HTML handling', () => {
    const hostile = { contact: { firstName: '{{ticket.id}}', lastName: "$& $' <b>bold</b>" }, ticket: { id: 'secret' } };
    expect(renderTemplate('{{contact.firstName}} {{contact.lastName}}', hostile)).toBe("{{ticket.id}} $& $' <b>bold</b>");
  });

  it('does not reach into prototypes', () => {
    expect(renderTemplate('{{constructor}}{{contact.toString}}{{__proto__}}', vars)).toBe('');
  });

  it('leaves malformed placeholders as they are', () => {
    expect(renderTemplate('{{ }} {{contact..firstName}} {contact.firstName} {{contact.firstName', vars)).toBe('{{ }} {{contact..firstName}} {contact.firstName} {{contact.firstName');
  });

  it('lists variables and rejects unknown ones', () => {
    expect(templateVariables('{{a.b}} {{c}} {{a.b}}')).toEqual(['a.b', 'c']);
    expect(() => assertTemplateVariables('Hi {{contact.firstName}} {{contact.iban}}', ['contact.firstName'])).toThrow(AppError);
    expect(() => assertTemplateVariables('Hi {{contact.firstName}}', ['contact.firstName'])).not.toThrow();
  });

  it('inserts any string value exactly once and verbatim', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, value, after) => {
        fc.pre(!before.includes('{{') && !after.includes('{{') && !before.endsWith('{') && !after.startsWith('}'));
        expect(renderTemplate(`${before}{{v}}${after}`, { v: value })).toBe(`${before}${value}${after}`);
      }),
    );
  });
});
