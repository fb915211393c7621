import { describe, expect, it } from 'vitest';
import { channelBody, channelFields, channelValues } from './channel-form.js';

const whatsapp = {
  type: 'whatsapp',
  settings: {
    type: 'object',
    properties: {
      phoneNumberId: { type: 'string', pattern: '^\\d+$' },
      apiBaseUrl: { type: 'string', format: 'uri', default: 'https://graph.facebook.com' },
      mode: { type: 'string', enum: ['webhook', 'polling'], default: 'webhook' },
      reengagementTemplate: { type: 'object', properties: { name: { type: 'string' }, bodyParameter: { type: 'boolean' } }, required: ['name'] },
      hashtags: { type: 'array', items: { type: 'string' } },
    },
    required: ['phoneNumberId'],
  },
  secrets: ['appSecret', 'webhookSecret'],
  generatedSecrets: ['webhookSecret'],
  receivesWebhooks: true,
  registersWebhook: false,
};

describe('the channel form', () => {
  it('fills the form from a channel\'s settings for editing, secrets left empty', () => {
    const values = channelValues(channelFields(whatsapp), { phoneNumberId: '123', reengagementTemplate: { name: 'followup', bodyParameter: false }, hashtags: ['a', 'b'] });
    expect(values).toEqual({ phoneNumberId: '123', 'reengagementTemplate.name': 'followup', 'reengagementTemplate.bodyParameter': 'false', hashtags: 'a, b' });
  });

  it('offers every setting, nested ones by path, and the secrets the server does not generate as required', () => {
    const fields = channelFields(whatsapp);
    expect(fields.map((f) => [f.path, f.kind, f.required])).toEqual([
      ['phoneNumberId', 'text', true],
      ['apiBaseUrl', 'url', false],
      ['mode', 'select', false],
      ['reengagementTemplate.name', 'text', false],
      ['reengagementTemplate.bodyParameter', 'boolean', false],
      ['hashtags', 'list', false],
      ['appSecret', 'secret', true],
      ['webhookSecret', 'secret', false],
    ]);
  });

  it('builds settings and secrets from the filled fields only', () => {
    const fields = channelFields(whatsapp);
    const body = channelBody(fields, { phoneNumberId: ' 123 ', apiBaseUrl: '', 'reengagementTemplate.name': 'followup', 'reengagementTemplate.bodyParameter': 'true', hashtags: 'a, b,', appSecret: 's3cret' });
    expect(body).toEqual({ settings: { phoneNumberId: '123', reengagementTemplate: { name: 'followup', bodyParameter: true }, hashtags: ['a', 'b'] }, secrets: { appSecret: 's3cret' } });
  });
});
