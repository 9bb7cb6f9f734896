// The rule that the run used this driver: every backend cinder.conf enables runs one of its
// classes (docs/design.md, "What a result proves").
import type { Check } from '../types.js';
import { perBundle } from '../bundles.js';
import { CERT_LOG } from '../../analysis/analyse.js';
import { enabledBackends } from '../../evidence/backends.js';

export const enabledBackendDriver: Check<'submission'> = perBundle(
  {
    id: 'enabled-backend-driver',
    name: "every backend cinder.conf enables runs one of the driver's classes",
    description:
      "Each backend in cert.log's cinder.conf `enabled_backends` is a section whose volume_driver is a class of " +
      "the driver (a section without one runs Cinder's LVM driver); a class set only in a section nothing " +
      'enables proves nothing. A warning in a closed cycle, whose history stays.',
  },
  (f, report) => {
    const d = f.driver;
    const conf = f.analysis!.cert?.cinderConf;
    if (!d || !conf) return;
    const closed = f.cycle?.state === 'closed';
    const say = (line: number, message: string, tip: string) => {
      const at = report.member(f.bundlePath, CERT_LOG, line);
      (closed ? at.warning : at.error)(message, tip);
    };
    const own =
      `Enable only backends whose section sets \`volume_driver\` to a class of "${d.id}" ` +
      `(${d.class.join(', ')}), and submit the log of that run.`;
    if (conf.enabledBackends && conf.enabledBackends.value.length === 0) {
      say(conf.enabledBackends.line, 'cinder.conf sets `enabled_backends` to nothing: the run enabled no backend', own);
      return;
    }
    for (const b of enabledBackends(f.analysis!.cert)) {
      if (d.class.includes(b.driver)) continue;
      const which =
        b.name === 'DEFAULT' ? 'cinder.conf enables no backend by name, so [DEFAULT]' : `backend [${b.name}]`;
      if (!b.hasSection)
        say(
          b.line,
          `enabled_backends names [${b.name}], but cinder.conf has no such section: ` +
            `Cinder ran its default driver (${b.driver}) for it, not a class of "${d.id}"`,
          own,
        );
      else if (b.defaulted)
        say(
          b.line,
          `${which} sets no volume_driver, so Cinder ran its default driver (${b.driver}), ` +
            `not a class of "${d.id}"`,
          own,
        );
      // An enabled section naming another class: driver-class reports it already.
    }
  },
);
