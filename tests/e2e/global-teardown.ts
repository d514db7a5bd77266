import { rmSync } from 'node:fs';

/** Removes the private renderer build made by global-setup (never dist/renderer). */
export default function globalTeardown(): void {
  const temp = process.env.HALL_E2E_RENDERER_TEMP;
  if (temp) rmSync(temp, { recursive: true, force: true });
}
