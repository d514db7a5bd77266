/**
 * Compile-time checks that the pure policies fit Electron's own types (the policies cannot
 * import Electron). `tsc -b tests` fails if any of these drift; the runtime assertions are trivial.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import type {
  BrowserWindowConstructorOptions,
  Input,
  Privileges,
  ProcessMetric,
  RenderProcessGoneDetails,
  Session,
} from 'electron';
import type { KioskWindowOptions } from '../../../electron/shared/policy/window-options';
import type { SchemePrivileges } from '../../../electron/shared/policy/scheme';
import type { KeyInput } from '../../../electron/shared/policy/keys';
import type { KnownPermission } from '../../../electron/shared/policy/permissions';
import type { RendererGoneReason } from '../../../electron/shared/policy/recovery';
import type { ProcessMetricLike } from '../../../electron/main/ipc/handlers';

type ElectronPermission = Parameters<Parameters<Session['setPermissionRequestHandler']>[0] & object>[1];

describe('policy types match Electron 45', () => {
  it('window options are BrowserWindow options', () => {
    expectTypeOf<KioskWindowOptions>().toExtend<BrowserWindowConstructorOptions>();
  });
  it('scheme privileges are Privileges', () => {
    expectTypeOf<SchemePrivileges>().toExtend<Privileges>();
  });
  it('Electron input events satisfy the key policy input', () => {
    expectTypeOf<Input>().toExtend<KeyInput>();
  });
  it('the permission list is exactly Electron’s', () => {
    expectTypeOf<KnownPermission>().toEqualTypeOf<ElectronPermission>();
  });
  it('renderer-gone reasons are exactly Electron’s', () => {
    expectTypeOf<RendererGoneReason>().toEqualTypeOf<RenderProcessGoneDetails['reason']>();
  });
  it('process metrics satisfy the health summary input', () => {
    expectTypeOf<ProcessMetric>().toExtend<ProcessMetricLike>();
    expect(true).toBe(true);
  });
});
