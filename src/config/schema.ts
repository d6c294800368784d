import { z } from 'zod';
import { handoffEnvironment } from '../handoff/settings';

const port = z.coerce
  .number({ message: 'an integer from 0 to 65535' })
  .int('an integer from 0 to 65535')
  .min(0, 'an integer from 0 to 65535')
  .max(65535, 'an integer from 0 to 65535');

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const hostname = z
  .string()
  .trim()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i, 'a host name such as smtp.example.net');

/**
 * Every setting the bot reads from the environment, with its default.
 * Names follow the Bot Framework convention (MicrosoftApp*) for the Azure values.
 */
export const environmentSchema = z.object({
  PORT: port.default(3978),
  HOST: optionalText,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { message: 'one of debug, info, warn, error, silent' }).default('info'),

  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { message: 'one of MultiTenant, SingleTenant, UserAssignedMSI' })
    .default('MultiTenant'),
  MicrosoftAppId: optionalText.pipe(z.guid('a GUID such as 00000000-0000-0000-0000-000000000000').optional()),
  MicrosoftAppPassword: optionalText,
  MicrosoftAppTenantId: optionalText,

  COMPANY_NAME: z.string().trim().min(1, 'a non-empty company name').default('Internet America'),
  SMTP_SERVER: hostname.default('smtp.airmail.net'),
  MAIL_DOMAIN: hostname.default('airmail.net'),
  SUPPORT_PHONE: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{5,}[0-9]$/, 'a phone number such as 1-800-232-4335')
    .default('1-800-232-4335'),
  SUPPORT_EMAIL: z.string().trim().email('an email address such as support@example.net').default('support@airmail.net'),

  // Handoff destinations, desk, webhook and business hours: src/handoff/settings.ts
  ...handoffEnvironment,
});

export type Environment = z.infer<typeof environmentSchema>;
