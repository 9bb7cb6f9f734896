// Rules on drivers.yaml beyond its schema.
import type { Check } from './types.js';
import { toPointer } from '../yaml-source.js';

export const uniqueDriverIds: Check<'registry'> = {
  id: 'unique-driver-ids',
  name: 'driver ids are unique',
  description: "Each driver id appears once in drivers.yaml; it names the driver's folder in every cycle.",
  scope: 'registry',
  check(reg, report) {
    const first = new Map<string, number>();
    reg.data?.drivers.forEach((d, i) => {
      const seen = first.get(d.id);
      if (seen === undefined) {
        first.set(d.id, i);
        return;
      }
      const was = reg.source.locate(toPointer(['drivers', seen, 'id']));
      report
        .at(reg, toPointer(['drivers', i, 'id']))
        .error(
          `id: the driver id "${d.id}" is already used by drivers[${seen}]${was.line ? ` (line ${was.line})` : ''}`,
          'Give each driver its own id, or merge the two entries.',
        );
    });
  },
};
