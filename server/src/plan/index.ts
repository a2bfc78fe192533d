// The per-org review of a change (`eca-check plan`, `sf eca plan`): the pure planner, the readers
// of its two file sets from git, and the renderers.
export { planChange, settingChanges, type FileSet, type PlanOptions, type PlanResult, type OrgPlan, type ComponentChange, type SettingChange, type Finding } from './plan';
export { fileSetAtRef, fileSetAtRefAsync, fileSetOfWorkingTree, fileSetOfWorkingTreeAsync, repoOf, GitError } from './git';
export { planText, planMarkdown, planJson, describeChange, describeSetting, orgLines } from './render';
