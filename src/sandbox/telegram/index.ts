export { startTelegramTwin } from './server';
export { DEFAULT_TWIN_LIMITS } from './limits';
export type { TwinLimits } from './limits';
export type { TelegramTwinHandle, TelegramTwinInfo, TelegramTwinOptions, TwinCall, TwinFault, TwinMessage } from './types';
