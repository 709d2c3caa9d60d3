import { callAdmin, CONFIG_CATEGORY, wholeIn } from '../shared/editor/editor';

interface TestResult {
  ok: boolean;
  target?: string;
  version?: string;
  migrations?: { applied: string[]; pending: string[] };
  message?: string;
}

const FIELDS = ['mode', 'dataDir', 'url', 'host', 'port', 'database', 'user', 'password', 'poolSize', 'tls', 'ca'] as const;

function val(field: string): string {
  return String($(`#node-config-input-${field}`).val() ?? '');
}

function toggleFields(): void {
  const server = val('mode') === 'server';
  $('.crm-pg-server').toggle(server);
  $('.crm-pg-embedded').toggle(!server);
  $('.crm-pg-ca').toggle(server && val('tls') === 'verify');
}


RED.nodes.registerType('crm-pg-config', {
  category: CONFIG_CATEGORY,
  defaults: {
    name: { value: '' },
    mode: { value: 'embedded', required: true },
    dataDir: { value: '' },
    host: { value: '' },
    port: { value: 5432, validate: wholeIn(1, 65535) },
    database: { value: '' },
    user: { value: '' },
    poolSize: { value: 5, validate: wholeIn(1, 100) },
    tls: { value: 'off' },
    ca: { value: '' },
    version: { value: 1 },
  },
  credentials: {
    password: { type: 'password' },
    url: { type: 'password' },
  },
  paletteLabel: 'PostgreSQL',
  label: function (this: { name?: string; mode?: string; host?: string; database?: string }) {
    if (this.name) return this.name;
    return this.mode === 'server' ? `postgres ${this.host || ''}${this.database ? `/${this.database}` : ''}`.trim() : 'postgres (embedded)';
  },
  oneditprepare: function (this: { id: string; _: (k: string, p?: Record<string, string | number>) => string }) {
    $('#node-config-input-mode, #node-config-input-tls').on('change', toggleFields);
    toggleFields();
    $('#crm-pg-config-test').on('click', () => {
      const body: Record<string, string> = { id: this.id };
      for (const f of FIELDS) body[f] = val(f);
      RED.notify(this._('pg-config.test.running'), { type: 'compact', timeout: 2000 });
      callAdmin<TestResult>('crm-pg-config/test', body).then(
        (r) => {
          if (r.ok) {
            const applied = r.migrations?.applied.length ?? 0;
            const pending = r.migrations?.pending.join(', ') || '0';
            RED.notify(this._('pg-config.test.ok', { target: r.target ?? '', version: r.version ?? '', applied, pending }), { type: 'success', timeout: 8000 });
          } else {
            RED.notify(this._('pg-config.test.failed', { message: r.message ?? '' }), { type: 'error', timeout: 10000 });
          }
        },
        (err: Error) => RED.notify(this._('pg-config.test.failed', { message: err.message }), { type: 'error', timeout: 10000 }),
      );
    });
  },
});
