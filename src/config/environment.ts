import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { isKnownDefaultPassword } from '../auth/default-passwords';
import { NinjsRights } from './ninjs-rights';

/**
 * Every setting Wiredesk reads from the environment. Start-up validates them all at once
 * and refuses to run with a message naming each bad variable, rather than failing later
 * with a confusing driver error.
 */
export class EnvironmentVariables {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0, { message: 'PORT must be between 0 and 65535' })
  @Max(65535, { message: 'PORT must be between 0 and 65535' })
  PORT: number = 3000;

  @IsString()
  @MinLength(1, { message: 'DATA_DIR must not be empty' })
  DATA_DIR: string = './.data';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SESSION_SECRET must be at least 32 characters long' })
  SESSION_SECRET?: string;

  @IsIn(['development', 'production', 'test'], { message: 'NODE_ENV must be development, production or test' })
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt({ message: 'IMPORT_MAX_BYTES must be an integer number of bytes' })
  @Min(1, { message: 'IMPORT_MAX_BYTES must be positive' })
  IMPORT_MAX_BYTES: number = 256 * 1024 * 1024;

  /** Uploads one instance receives at once (API and panel together); beyond it 503 with Retry-After. */
  @Type(() => Number)
  @IsInt({ message: 'IMPORT_MAX_CONCURRENT_UPLOADS must be an integer' })
  @Min(1, { message: 'IMPORT_MAX_CONCURRENT_UPLOADS must be at least 1' })
  IMPORT_MAX_CONCURRENT_UPLOADS: number = 4;

  /** A folder every instance watches for wire dumps (FTP drop, mounted share); unset: no inbox. */
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'INBOX_DIR must not be empty' })
  INBOX_DIR?: string;

  /** A file in INBOX_DIR is taken once its size and modification time have not changed for this long. */
  @Type(() => Number)
  @IsInt({ message: 'INBOX_SETTLE_SECONDS must be an integer number of seconds' })
  @Min(1, { message: 'INBOX_SETTLE_SECONDS must be at least 1' })
  INBOX_SETTLE_SECONDS: number = 5;

  /** Largest picture accepted for a photo (POST /api/photos/:id/image and the panel). */
  @Type(() => Number)
  @IsInt({ message: 'PHOTO_MAX_BYTES must be an integer number of bytes' })
  @Min(1, { message: 'PHOTO_MAX_BYTES must be positive' })
  PHOTO_MAX_BYTES: number = 20 * 1024 * 1024;

  /** How long a shared preview link (an unpublished article readable without an account) stays valid. */
  @Type(() => Number)
  @IsInt({ message: 'PREVIEW_LINK_HOURS must be an integer number of hours' })
  @Min(1, { message: 'PREVIEW_LINK_HOURS must be between 1 and 720' })
  @Max(720, { message: 'PREVIEW_LINK_HOURS must be between 1 and 720' })
  PREVIEW_LINK_HOURS: number = 48;

  /** Comma-separated browser origins allowed to call the API (e.g. https://www.example.com), or `*`; unset: none. */
  @IsOptional()
  @Matches(/^(\*|https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*)$/, {
    message: 'CORS_ORIGINS must be * or a comma-separated list of origins such as https://www.example.com',
  })
  CORS_ORIGINS?: string;

  /**
   * Where readers reach this server (e.g. https://news.example.com): the OpenAPI document's server and the base
   * of public article links in ninjs. Unset: the document names the server relatively ("/").
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*[^\s/])?$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL without a trailing slash, such as https://news.example.com' })
  PUBLIC_BASE_URL?: string;

  /**
   * Rights sent in ninjs, per agency: JSON {"AFP": {"copyrightHolder": "…", "usageTerms": "…"}, "*": {…}}; "*" is
   * the desk's own text and pictures with no agency. Checked in full by {@link validateEnvironment}.
   */
  @IsOptional()
  @IsString()
  NINJS_RIGHTS?: string;

  /** How long one webhook attempt may take before it counts as failed (and is retried later). */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_TIMEOUT_SECONDS must be an integer number of seconds' })
  @Min(1, { message: 'WEBHOOK_TIMEOUT_SECONDS must be at least 1' })
  WEBHOOK_TIMEOUT_SECONDS: number = 10;

  /** Webhook attempts each instance makes at once, so one slow receiver cannot hold up the others. */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_CONCURRENCY must be an integer' })
  @Min(1, { message: 'WEBHOOK_CONCURRENCY must be at least 1' })
  WEBHOOK_CONCURRENCY: number = 8;

  /**
   * Attempts one subscription may have in flight at once, across all instances: a receiver that hangs or
   * fails holds at most this many senders, and its other deliveries wait without holding any.
   */
  @Type(() => Number)
  @IsInt({ message: 'WEBHOOK_SUBSCRIPTION_CONCURRENCY must be an integer' })
  @Min(1, { message: 'WEBHOOK_SUBSCRIPTION_CONCURRENCY must be at least 1' })
  WEBHOOK_SUBSCRIPTION_CONCURRENCY: number = 2;

  /** `true` lets webhooks go to loopback, link-local and private addresses (a receiver on the same network); off by default. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE must be true or false' })
  WEBHOOK_ALLOW_PRIVATE?: 'true' | 'false';

  /** Requests per minute one client IP may make to each API route before getting 429. */
  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be positive' })
  RATE_LIMIT_PER_MINUTE: number = 600;

  /**
   * Which reverse proxies' X-Forwarded-For to believe for the client's address (log-in throttling, rate
   * limits): a number of hops, or a comma-separated list of addresses, CIDR ranges and the names loopback,
   * linklocal, uniquelocal. Unset: none, and the client's address is the connection's.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9a-fA-F.:/]+|loopback|linklocal|uniquelocal)(\s*,\s*([0-9a-fA-F.:/]+|loopback|linklocal|uniquelocal))*$/, {
    message: 'TRUST_PROXY must be a number of hops (e.g. 1) or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY?: string;

  /** Where photo image bytes live: `postgres` (the default, the `media_objects` table) or `s3` (the S3_* settings). */
  @IsIn(['postgres', 's3'], { message: 'MEDIA_STORAGE must be postgres or s3' })
  MEDIA_STORAGE: 'postgres' | 's3' = 'postgres';

  /** MEDIA_STORAGE=s3: the bucket (it must exist; start-up checks it can be reached). */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name: 3-63 lower-case letters, digits, dots and hyphens' })
  S3_BUCKET?: string;

  /** MEDIA_STORAGE=s3: the region, e.g. eu-central-1 (S3-compatible servers usually accept us-east-1). */
  @IsOptional()
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'S3_REGION must be a region name such as eu-central-1' })
  S3_REGION?: string;

  /** MEDIA_STORAGE=s3: an S3-compatible server's URL (MinIO, Ceph, R2…); unset: AWS. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+\/?$/, { message: 'S3_ENDPOINT must be an http(s) URL of the server, such as http://127.0.0.1:9000, without a path' })
  S3_ENDPOINT?: string;

  /** MEDIA_STORAGE=s3: `true` puts the bucket in the path rather than the host name (most S3-compatible servers need it). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'S3_FORCE_PATH_STYLE must be true or false' })
  S3_FORCE_PATH_STYLE?: 'true' | 'false';

  /** MEDIA_STORAGE=s3: with S3_SECRET_ACCESS_KEY, or neither (then the SDK's usual AWS_* variables, shared config or instance role). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** MEDIA_STORAGE=s3: put before every object key, e.g. `wiredesk/`, to share a bucket. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9!_.*'()\/-]{1,200}\/$/, { message: 'S3_PREFIX must be up to 200 safe key characters ending in /, such as wiredesk/' })
  S3_PREFIX?: string;

  @IsOptional()
  @Matches(/^[^@\s]+@[^@\s]+$/, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters long' })
  ADMIN_PASSWORD?: string;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Parses and validates `process.env`-like input; throws {@link InvalidEnvironmentError} naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(EnvironmentVariables, present, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}));
  if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
    problems.push('SESSION_SECRET is required when NODE_ENV=production');
  }
  if (env.NODE_ENV === 'production' && env.ADMIN_PASSWORD && isKnownDefaultPassword(env.ADMIN_PASSWORD)) {
    problems.push('ADMIN_PASSWORD is a published example or well-known default; choose your own for production');
  }
  try {
    NinjsRights.parse(env.NINJS_RIGHTS);
  } catch (error) {
    problems.push((error as Error).message);
  }
  problems.push(...mediaStorageProblems(env));
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}

const S3_VARIABLES = ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX'] as const;

/** The S3 settings hang together: required with MEDIA_STORAGE=s3, keys in pairs, and not set for nothing (a typo in MEDIA_STORAGE). */
function mediaStorageProblems(env: EnvironmentVariables): string[] {
  if (env.MEDIA_STORAGE !== 's3') {
    const stray = S3_VARIABLES.filter((name) => env[name] !== undefined);
    return stray.length > 0 ? [`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set but MEDIA_STORAGE is ${env.MEDIA_STORAGE}: set MEDIA_STORAGE=s3 to use them`] : [];
  }
  const problems = (['S3_BUCKET', 'S3_REGION'] as const).filter((name) => !env[name]).map((name) => `${name} is required when MEDIA_STORAGE=s3`);
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK\'s usual credentials');
  }
  return problems;
}

/** TRUST_PROXY as Express's `trust proxy` setting: hops as a number, else the list; unset trusts no proxy. */
export function trustProxySetting(value: string | undefined): number | string[] | false {
  if (!value) return false;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  return value.split(',').map((entry) => entry.trim());
}
