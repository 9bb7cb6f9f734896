// Which driver classes a run's cinder.conf really runs: each backend `enabled_backends`
// names, and the class its section sets (Cinder's LVM driver when it sets none).
import type { CertLog } from '../formats/cert-log.js';

/** The class Cinder runs for a backend whose section sets no volume_driver. */
export const DEFAULT_VOLUME_DRIVER = 'cinder.volume.drivers.lvm.LVMVolumeDriver';

/** One backend the run enabled, and the class it ran. */
export interface EnabledBackend {
  /** The backend's section name (`DEFAULT` when cinder.conf enables no backend by name). */
  name: string;
  /** The class the backend runs: its section's last volume_driver, or Cinder's default. */
  driver: string;
  /** Whether the class is Cinder's default because the section sets none (or is missing). */
  defaulted: boolean;
  /** Whether cinder.conf has a section of this name. */
  hasSection: boolean;
  /** The line that decides the class: the section's volume_driver, or the enabled_backends line. */
  line: number;
}

/**
 * The backends cert.log's cinder.conf enables and the class each runs (empty without a
 * cinder.conf copy). Without `enabled_backends`, Cinder runs one backend from [DEFAULT].
 */
export function enabledBackends(cert: CertLog | undefined): EnabledBackend[] {
  const conf = cert?.cinderConf;
  if (!cert || !conf) return [];
  const named = conf.enabledBackends;
  const names = named ? named.value : ['DEFAULT'];
  const where = named?.line ?? conf.startLine;
  return [...new Set(names)].map((name) => {
    // oslo.config keeps the last value a section sets.
    const set = cert.volumeDrivers.filter((v) => v.section === name).at(-1);
    const hasSection = name === 'DEFAULT' || conf.sections.includes(name);
    return set
      ? { name, driver: set.value, defaulted: false, hasSection, line: set.line }
      : { name, driver: DEFAULT_VOLUME_DRIVER, defaulted: true, hasSection, line: where };
  });
}
