import { describe, expect, it, vi } from 'vitest';
import { createStaffApi, httpTransport } from '../../../../renderer/src/bridge/staff';

const TOKEN = 'k'.repeat(43);
const hello = {
  ok: true,
  staffChord: 'Ctrl+Alt+Shift+K',
  pinConfigured: true,
  lockedSeconds: 0,
  storeAvailable: true,
};

function fakeFetch(status: number, body: unknown) {
  return vi.fn((_url: RequestInfo | URL, _init?: RequestInit) =>
    Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })),
  );
}

describe('staffApi over HTTP (browser mode)', () => {
  it('POSTs JSON args to api/staff/<name> relative to the page, token in the header', async () => {
    const fetchFn = fakeFetch(200, { ok: true, ref: 'p@1.0.0' });
    const api = createStaffApi(() => httpTransport(fetchFn, () => 'http://127.0.0.1:9/kiosk/'));
    await expect(api.activate(TOKEN, 'p@1.0.0')).resolves.toEqual({ ok: true, ref: 'p@1.0.0' });
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:9/kiosk/api/staff/activate');
    expect(init?.method).toBe('POST');
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-staff-token': TOKEN });
    expect(JSON.parse(init?.body as string)).toEqual({ args: ['p@1.0.0'] });
  });

  it('sends no token for hello and unlock', async () => {
    const fetchFn = fakeFetch(200, hello);
    const api = createStaffApi(() => httpTransport(fetchFn, () => 'http://127.0.0.1:9/'));
    await expect(api.hello()).resolves.toEqual(hello);
    expect(fetchFn.mock.calls[0]![1]?.headers).toEqual({ 'content-type': 'application/json' });
    await api.unlock('2468');
    expect(JSON.parse(fetchFn.mock.calls[1]![1]?.body as string)).toEqual({ args: ['2468'] });
  });

  it('turns refusals, strangers and network failures into problems, never throws', async () => {
    const ended = {
      ok: false,
      problems: [
        {
          code: 'staff.session-ended',
          severity: 'error',
          file: 'staff',
          rule: 'staff.session-ended',
          message: { 'zh-Hans': '结束', en: 'ended' },
        },
      ],
    };
    const codes = async (fetchFn: ReturnType<typeof fakeFetch>) => {
      const r = await createStaffApi(() => httpTransport(fetchFn, () => 'http://127.0.0.1:9/')).status(TOKEN);
      return r.ok ? [] : r.problems.map((p) => p.code);
    };
    expect(await codes(fakeFetch(401, ended))).toEqual(['staff.session-ended']);
    expect(await codes(fakeFetch(405, 'Method Not Allowed'))).toEqual(['staff.no-store']);
    expect(await codes(fakeFetch(500, '<html>'))).toEqual(['staff.unavailable']);
    expect(await codes(fakeFetch(200, { ok: true, surprise: 1 }))).toEqual(['staff.unavailable']);
    const down = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await codes(down as unknown as ReturnType<typeof fakeFetch>)).toEqual(['staff.unavailable']);
  });
});
