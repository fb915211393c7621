import { describe, expect, it } from 'vitest';
import { renderTemplate } from './template.js';

describe('canned response templates', () => {
  const ctx = { contact: { name: 'Anna Maria Berg' }, agent: { name: 'Lea' } };

  it('fills the supported variables', () => {
    expect(renderTemplate('Hallo {{contact.firstName}} ({{ contact.name }}), {{agent.name}}', ctx)).toBe('Hallo Anna (Anna Maria Berg), Lea');
  });

  it('treats {{…}} inside values literally', () => {
    const sneaky = { contact: { name: '{{agent.name}} <b>x</b>' }, agent: { name: '{{contact.name}}' } };
    expect(renderTemplate('{{contact.name}} / {{agent.name}}', sneaky)).toBe('{{agent.name}} <b>x</b> / {{contact.name}}');
  });

  it('leaves unknown variables and missing names harmless', () => {
    expect(renderTemplate('{{order.id}} {{contact.firstName}}!', { contact: { name: null }, agent: { name: 'L' } })).toBe('{{order.id}} !');
  });
});
