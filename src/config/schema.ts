import { z } from 'zod';

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

const days = (min: number, max: number) =>
  z.coerce
    .number({ message: `a whole number of days from ${min} to ${max}` })
    .int(`a whole number of days from ${min} to ${max}`)
    .min(min, `a whole number of days from ${min} to ${max}`)
    .max(max, `a whole number of days from ${min} to ${max}`);

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

  STORAGE: z.enum(['memory', 'sqlite', 'blob'], { message: 'one of memory, sqlite, blob' }).default('sqlite'),
  SQLITE_PATH: z.string().trim().min(1, 'a file path such as ./data/stepwise.sqlite').default('./data/stepwise.sqlite'),
  BLOB_CONNECTION_STRING: optionalText,
  BLOB_CONTAINER: z
    .string()
    .trim()
    .regex(/^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a container name: 3 to 63 lower-case letters, digits and single dashes')
    .default('stepwise'),
  RETURNING_CUSTOMER_DAYS: days(0, 365).default(7),
  RETENTION_DAYS: days(1, 3650).default(30),
});

export type Environment = z.infer<typeof environmentSchema>;
