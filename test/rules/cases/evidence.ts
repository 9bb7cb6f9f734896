// Cases of the rules on whether a bundle's run is what it claims to be: built as a vendor
// would build them, a cert.log or stream edited and packed over the base's bundle.
import type { CheckTests } from '../../helpers/rule-tester.js';
import { certLogText } from '../../helpers/submission.js';
import { enabledBackendDriver } from '../../../scripts/lib/checks/evidence.js';
import { LVM_BUNDLE, NFS_BUNDLE, RUN_DAY, baseRepo, lineIn, rebundle, runMembers } from '../fixture.js';

const base = { name: 'the base repository' };
const LVM_CLASS = 'cinder.volume.drivers.lvm.Driver';
const CERT_LOG = `${LVM_BUNDLE}!cert.log`;

/** A passing cert.log of lvm's run whose cinder.conf copy is `conf`. */
const logWith = (conf: string) => certLogText(LVM_CLASS, true, { day: RUN_DAY, conf });
/** Pack lvm's run again with a cert.log whose cinder.conf copy is `conf`. */
const withConf =
  (conf: string, bundle = LVM_BUNDLE) =>
  (root: string) =>
    rebundle(root, bundle, runMembers({ certLog: logWith(conf) }));

const LVM_ENABLED =
  '[DEFAULT]\nenabled_backends = lvm-1\n[lvm-1]\nvolume_backend_name = lvm-1\n' +
  `[vendor]\nvolume_driver = ${LVM_CLASS}\nvolume_backend_name = vendor\n`;
const MISSING_SECTION = `[DEFAULT]\nenabled_backends = vendor, ghost\n[vendor]\nvolume_driver = ${LVM_CLASS}\n`;

export const EVIDENCE_RULES: CheckTests[] = [
  {
    rule: enabledBackendDriver,
    base: baseRepo,
    cases: {
      valid: [
        base,
        {
          name: "two enabled backends, both the driver's",
          arrange: withConf(
            `[DEFAULT]\nenabled_backends = a,b\n[a]\nvolume_driver = ${LVM_CLASS}\n` +
              `[b]\nvolume_driver = ${LVM_CLASS}\n[unused]\nvolume_backend_name = unused\n`,
          ),
        },
        {
          name: "no enabled_backends, and [DEFAULT] sets the driver's class (the legacy single backend)",
          arrange: withConf(`[DEFAULT]\nvolume_driver = ${LVM_CLASS}\n`),
        },
      ],
      invalid: [
        {
          name: "the enabled backend sets no volume_driver (LVM ran) while an unused section names the driver's class",
          arrange: withConf(LVM_ENABLED),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith(LVM_ENABLED), 'enabled_backends'),
              message:
                'backend [lvm-1] sets no volume_driver, so Cinder ran its default driver ' +
                '(cinder.volume.drivers.lvm.LVMVolumeDriver), not a class of "lvm"',
            },
          ],
        },
        {
          name: 'enabled_backends names a section cinder.conf does not have',
          arrange: withConf(MISSING_SECTION),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith(MISSING_SECTION), 'enabled_backends'),
              message: 'enabled_backends names [ghost], but cinder.conf has no such section',
            },
          ],
        },
        {
          name: 'no enabled_backends and no volume_driver in [DEFAULT]: the default LVM driver ran',
          arrange: withConf(`[DEFAULT]\ndebug = true\n[vendor]\nvolume_driver = ${LVM_CLASS}\n`),
          findings: [
            {
              file: CERT_LOG,
              line: lineIn(logWith('[DEFAULT]\n'), '[DEFAULT]'),
              message: 'cinder.conf enables no backend by name, so [DEFAULT] sets no volume_driver',
            },
          ],
        },
        {
          name: 'in a closed cycle, an enabled backend running LVM is a warning',
          arrange: withConf(LVM_ENABLED.replaceAll(LVM_CLASS, 'cinder.volume.drivers.nfs.Driver'), NFS_BUNDLE),
          findings: [
            {
              level: 'warning',
              file: `${NFS_BUNDLE}!cert.log`,
              line: lineIn(logWith(LVM_ENABLED), 'enabled_backends'),
              message: 'backend [lvm-1] sets no volume_driver',
            },
          ],
        },
      ],
    },
  },
];
