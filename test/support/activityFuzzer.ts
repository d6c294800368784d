import zlib from 'node:zlib';

/** mulberry32: a small seeded PRNG, so a failing run can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzCase {
  /** What kind of input this is, for the failure report. */
  kind: string;
  body: string | Buffer;
  headers: Record<string, string>;
  /** The exact status this input must get, when it is certain (undefined: anything but 5xx). */
  expect?: number;
}

export interface FuzzTargets {
  /** A loopback serviceUrl where replies are accepted (the local connector). */
  serviceUrl: string;
  /** A loopback serviceUrl that answers 404 to everything (the turn fails fast). */
  brokenServiceUrl: string;
  /** Secrets mixed into messages: they must never appear in the server's output. */
  secrets: string[];
  maxBodyBytes: number;
}

const json = { 'content-type': 'application/json' };

export class ActivityFuzzer {
  constructor(
    private readonly random: () => number,
    private readonly targets: FuzzTargets,
  ) {}

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }
  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  private chance(p: number): boolean {
    return this.random() < p;
  }

  /** Strings that break things: empty, huge, control characters, lone surrogates, RTL, emoji, paths, markup. */
  nastyString(): string {
    const options: (() => string)[] = [
      () => '',
      () => ' ',
      () => 'done',
      () => 'a'.repeat(this.int(5000)),
      () => '\ud800',
      () => 'x\udc00y',
      () => `\ud83d${'\ude00'.repeat(3)}\ud83d`,
      () => '\u0000\u0001\u001f\u007f',
      () => '\u202eevil\u202c',
      () => '😀'.repeat(this.int(100)),
      () => '../../etc/passwd',
      () => '%2F%2e%2e%00',
      () => '<script>alert(1)</script>',
      () => '{{constructor.constructor("x")()}}',
      () => '${process.exit(1)}',
      () => '\r\nX-Injected: 1',
      () => `my password is ${this.pick(this.targets.secrets)}`,
      () => this.pick(this.targets.secrets),
      () => Array.from({ length: this.int(50) }, () => String.fromCharCode(this.int(0x10000))).join(''),
      () => 'Outlook Express',
      () => 'technician',
      () => '0',
      () => 'start over',
    ];
    return this.pick(options)();
  }

  /** Any JSON-ish value, sometimes deeply nested or large. */
  nastyValue(depth = 0): unknown {
    const options: (() => unknown)[] = [
      () => null,
      () => true,
      () => this.int(2 ** 31) * (this.chance(0.5) ? -1 : 1),
      () => 1e308 * 10,
      () => -0,
      () => this.nastyString(),
      () => [],
      () => ({}),
      () => (depth < 4 ? Array.from({ length: this.int(5) }, () => this.nastyValue(depth + 1)) : 'leaf'),
      () => (depth < 4 ? Object.fromEntries(Array.from({ length: this.int(5) }, () => [this.nastyString().slice(0, 20), this.nastyValue(depth + 1)])) : 'leaf'),
      () => this.nested(this.pick([5, 31, 33, 100, 1000])),
      () => ({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
      () => Array.from({ length: this.pick([100, 5000]) }, (_, i) => i),
    ];
    return this.pick(options)();
  }

  nested(depth: number): unknown {
    let value: unknown = 'bottom';
    for (let i = 0; i < depth; i++) value = this.chance(0.5) ? [value] : { deeper: value };
    return value;
  }

  /** A plausible activity, as a channel would send it. */
  baseActivity(): Record<string, unknown> {
    const conversation = `fuzz-${this.int(40)}`;
    return {
      type: this.pick(['message', 'message', 'message', 'conversationUpdate', 'typing', 'event', 'invoke', 'messageReaction', 'endOfConversation']),
      id: `act-${this.int(1e9)}`,
      timestamp: new Date().toISOString(),
      channelId: this.pick(['webchat', 'msteams', 'directline', 'telephony', 'emulator', 'test', 'unknown-channel']),
      serviceUrl: this.chance(0.9) ? this.targets.serviceUrl : this.targets.brokenServiceUrl,
      conversation: { id: conversation },
      from: { id: `user-${conversation}`, name: 'Fuzz', role: 'user' },
      recipient: { id: 'stepwise', name: 'Stepwise', role: 'bot' },
      text: this.nastyString(),
    };
  }

  /** One of the kinds of trouble, chosen at random. */
  next(): FuzzCase {
    const generators: (() => FuzzCase)[] = [
      () => this.mutatedField(),
      () => this.mutatedField(),
      () => this.mutatedField(),
      () => this.missingFields(),
      () => this.wellFormed(),
      () => this.wellFormed(),
      () => this.deepNesting(),
      () => this.hugeValue(),
      () => this.tooLarge(),
      () => this.invalidUnicodeBytes(),
      () => this.loneSurrogateIds(),
      () => this.wrongContentType(),
      () => this.compressed(),
      () => this.garbage(),
      () => this.jsonPrimitive(),
      () => this.foreignServiceUrl(),
      () => this.prototypeKeys(),
    ];
    return this.pick(generators)();
  }

  private activityCase(kind: string, activity: unknown, expect?: number): FuzzCase {
    // Local mode ignores Authorization; send some anyway (printable ASCII: what an HTTP client can send).
    const authorization: Record<string, string> = this.chance(0.1) ? { authorization: `Bearer ${this.asciiToken()}` } : {};
    return { kind, body: JSON.stringify(activity), headers: { ...json, ...authorization }, expect };
  }

  private asciiToken(): string {
    return Array.from({ length: this.int(300) }, () => String.fromCharCode(0x21 + this.int(0x5d))).join('');
  }

  private mutatedField(): FuzzCase {
    const activity = this.baseActivity();
    const field = this.pick([
      'type', 'id', 'timestamp', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'text', 'value', 'entities',
      'attachments', 'membersAdded', 'membersRemoved', 'channelData', 'locale', 'replyToId', 'deliveryMode', 'name',
      'reactionsAdded', 'suggestedActions', 'textFormat', 'speak', 'inputHint', 'localTimestamp', 'relatesTo', 'expiration',
    ]);
    activity[field] = this.nastyValue();
    if (this.chance(0.3) && activity.conversation && typeof activity.conversation === 'object') {
      (activity.conversation as Record<string, unknown>).id = this.nastyValue();
    }
    return this.activityCase(`field ${field} = random value`, activity);
  }

  private missingFields(): FuzzCase {
    const activity = this.baseActivity();
    const removed = ['type', 'channelId', 'serviceUrl', 'conversation', 'from', 'recipient', 'text', 'id'].filter(() => this.chance(0.4));
    for (const field of removed) delete activity[field];
    const required = ['type', 'channelId', 'serviceUrl', 'conversation', 'from'].some((field) => removed.includes(field));
    return this.activityCase(`missing ${removed.join(', ') || 'nothing'}`, activity, required ? 400 : undefined);
  }

  private wellFormed(): FuzzCase {
    const activity = this.baseActivity();
    if (activity.type === 'conversationUpdate') activity.membersAdded = [{ id: (activity.from as { id: string }).id }];
    if (activity.type === 'invoke') activity.name = this.pick(['adaptiveCard/action', 'composeExtension/query', 'signin/verifyState', this.nastyString()]);
    if (activity.type === 'message' && this.chance(0.3)) activity.value = { text: this.nastyString(), choice: this.nastyValue() };
    if (this.chance(0.2)) activity.deliveryMode = this.pick(['expectReplies', 'normal', 'notification', 'bogus']);
    if (this.chance(0.2)) activity.entities = [{ type: 'mention', mentioned: { id: 'stepwise' }, text: this.nastyString() }];
    return this.activityCase(`well-formed ${String(activity.type)}`, activity);
  }

  private deepNesting(): FuzzCase {
    const activity = this.baseActivity();
    const depth = this.pick([30, 33, 200, 10_000, 50_000]);
    const field = this.pick(['channelData', 'value', 'entities', 'attachments']);
    // Built as text: JSON.stringify itself overflows the stack on values this deep.
    const open = Array.from({ length: depth }, () => (this.chance(0.5) ? '[' : '{"deeper":'));
    const nestedJson = `${open.join('')}"bottom"${open.reverse().map((o) => (o === '[' ? ']' : '}')).join('')}`;
    activity[field] = 'NESTED';
    const body = JSON.stringify(activity).replace('"NESTED"', nestedJson);
    // At 30 levels inside the activity it is 31 deep: allowed, unless the field must be an object or array of objects.
    const expect = Buffer.byteLength(body) > this.targets.maxBodyBytes ? 413 : depth > 32 ? 400 : undefined;
    return { kind: `${field} nested ${depth} deep`, body, headers: json, expect };
  }

  private hugeValue(): FuzzCase {
    const activity = this.baseActivity();
    const size = this.pick([10_000, 100_000, 200_000]);
    activity[this.pick(['text', 'id', 'locale', 'name'])] = 'x'.repeat(size);
    return this.activityCase(`huge ${size}-character value`, activity);
  }

  private tooLarge(): FuzzCase {
    const activity = this.baseActivity();
    activity.text = 'y'.repeat(this.targets.maxBodyBytes + 1 + this.int(100_000));
    return { kind: 'body over the size limit', body: JSON.stringify(activity), headers: json, expect: 413 };
  }

  private invalidUnicodeBytes(): FuzzCase {
    const prefix = Buffer.from(JSON.stringify({ ...this.baseActivity(), text: 'PLACEHOLDER' }));
    const at = prefix.indexOf('PLACEHOLDER');
    const bad = Buffer.from(this.pick([[0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xe2, 0x82]]));
    return { kind: 'invalid UTF-8 bytes in text', body: Buffer.concat([prefix.subarray(0, at), bad, prefix.subarray(at + 'PLACEHOLDER'.length)]), headers: json };
  }

  private loneSurrogateIds(): FuzzCase {
    const activity = this.baseActivity();
    (activity.conversation as Record<string, unknown>).id = `c\ud800${this.int(100)}`;
    return this.activityCase('lone surrogate in conversation.id', activity, 400);
  }

  private wrongContentType(): FuzzCase {
    const contentType = this.pick([
      'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'text/html', 'image/png', 'application/javascript', 'multipart/form-data; boundary=zz',
    ]);
    return { kind: `content type ${contentType}`, body: JSON.stringify(this.baseActivity()), headers: { 'content-type': contentType }, expect: 415 };
  }

  private compressed(): FuzzCase {
    const encoding = this.pick(['gzip', 'gzip', 'deflate', 'br', 'identity, gzip', 'x-unknown']);
    const body = this.pick([
      () => Buffer.from(Array.from({ length: this.int(2000) + 1 }, () => this.int(256))),
      () => zlib.gzipSync(JSON.stringify(this.baseActivity())),
      () => zlib.gzipSync(Buffer.alloc(5_000_000)).subarray(0, 20_000),
      () => Buffer.concat([zlib.gzipSync('{"type":"message"}').subarray(0, 10), Buffer.from('garbage')]),
    ])();
    return { kind: `Content-Encoding ${encoding}`, body, headers: { ...json, 'content-encoding': encoding }, expect: 415 };
  }

  private garbage(): FuzzCase {
    const body = this.pick([
      () => Buffer.from(Array.from({ length: this.int(3000) + 1 }, () => this.int(256))),
      () => JSON.stringify(this.baseActivity()).slice(0, this.int(200) + 1),
      () => '{"type": "message", "text": "unterminated',
      () => '{'.repeat(this.int(100_000) + 1),
      () => '['.repeat(100_000) + ']'.repeat(100_000),
      () => '{"a":1,"a":2,' + '"k":0,'.repeat(10_000) + '"z":1}',
      () => 'NaN',
      () => '\u0000\u0000\u0000',
    ])();
    return { kind: 'garbage body', body, headers: json };
  }

  private jsonPrimitive(): FuzzCase {
    const body = this.pick(['1', '"message"', 'null', 'true', '[]', '[{"type":"message"}]', '{}', '""']);
    return { kind: `JSON ${body}`, body, headers: json, expect: 400 };
  }

  private foreignServiceUrl(): FuzzCase {
    const activity = this.baseActivity();
    activity.serviceUrl = this.pick(['https://example.com/', 'http://169.254.169.254/', 'http://0.0.0.0:1/', 'http://10.0.0.1/', 'https://smba.trafficmanager.net/amer/']);
    return this.activityCase('non-loopback serviceUrl', activity, 403);
  }

  private prototypeKeys(): FuzzCase {
    const base = JSON.stringify(this.baseActivity());
    const body = `${base.slice(0, -1)},"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":"yes"}}}`;
    return { kind: '__proto__ and constructor keys', body, headers: json };
  }
}
