/**
 * @crm-sync/node-red-crm-sync/testing — flow-level tests for users' flows and ours: a real Node-RED
 * with this package, the API twins and a throwaway database. Guide: docs/testing.md.
 */
export { startFlowTest } from './flow-test';
export type { FlowTest, FlowTestOptions, FlowLog, IdleOptions, Msg } from './flow-test';
export type { NodeStatus } from './observer';
export type { DatabaseOption } from './database';
export type { FlowSource } from './flow-source';
export { exampleNames, loadFlow } from './flow-source';
export type { LogLevel, RuntimeNode } from './node-red';
export { PATCHES, patchFlows, TWIN_OF_CONFIG } from './patches';
export type { FlowNode, Patch, PatchContext } from './patches';
export type { TwinName } from '../sandbox';
