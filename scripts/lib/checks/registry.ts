// Rules on drivers.yaml beyond its schema.
import type { Check } from './types.js';
import type { Finding } from '../findings.js';
import { REGISTRY_FILE } from '../repo.js';
import { toPointer } from '../yaml-source.js';

export const uniqueDriverIds: Check = {
  id: 'unique-driver-ids',
  name: 'driver ids are unique',
  description: "Each driver id appears once in drivers.yaml; it names the driver's folder in every cycle.",
  scope: 'registry',
  check(ctx) {
    const reg = ctx.repo.registry;
    if (!reg?.data) return [];
    const out: Finding[] = [];
    const first = new Map<string, number>();
    reg.data.drivers.forEach((d, i) => {
      const seen = first.get(d.id);
      if (seen === undefined) {
        first.set(d.id, i);
        return;
      }
      const at = reg.source.locate(toPointer(['drivers', i, 'id']));
      const was = reg.source.locate(toPointer(['drivers', seen, 'id']));
      out.push({
        level: 'error',
        check: this.name,
        file: REGISTRY_FILE,
        ...at,
        message: `id: the driver id "${d.id}" is already used by drivers[${seen}]${was.line ? ` (line ${was.line})` : ''}`,
        tip: 'Give each driver its own id, or merge the two entries.',
      });
    });
    return out;
  },
};
