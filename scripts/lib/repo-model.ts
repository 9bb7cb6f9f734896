// The record as data (RepoModel): the valid files of a loaded repository, without their
// sources. A pure function of `loadRepo`'s result; MATRIX.md, `missing`, the reviewer's
// report and the site render from it.
import type { Cycle, Driver, RepoModel, Submission } from './model.js';
import { driversById, type Repo } from './repo.js';

/** The valid drivers, cycles and submissions of `repo` (a folder named `.…` is not part of the record). */
export function repoModel(repo: Repo): RepoModel {
  const cycles: Cycle[] = [];
  for (const c of repo.cycles) {
    const data = c.cycle?.data;
    if (data && !c.name.startsWith('.')) cycles.push(data.name === c.name ? data : { ...data, name: c.name });
  }
  const known = new Set(cycles.map((c) => c.name));
  const submissions: Submission[] = [];
  for (const s of repo.submissions) {
    const result = s.result?.data;
    if (!result || !known.has(s.cycle) || s.driver.startsWith('.')) continue;
    submissions.push({ ...result, cycle: s.cycle, driver: s.driver, path: `${s.path}/` });
  }
  const drivers: Driver[] = [...driversById(repo).values()];
  return { coreReviewers: repo.registry?.data?.core_reviewers ?? [], drivers, cycles, submissions };
}
