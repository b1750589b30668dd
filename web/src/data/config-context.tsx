import { createContext, useContext, type ParentProps } from 'solid-js';
import type { AppConfig, Brand, Centers } from './config';

const ConfigContext = createContext<AppConfig>();

export function ConfigProvider(props: ParentProps<{ config: AppConfig }>) {
  return <ConfigContext.Provider value={props.config}>{props.children}</ConfigContext.Provider>;
}

/** The brand from /api/config, or undefined while it is not (or could not be) loaded. */
export function useBrand(): Brand | undefined {
  return useContext(ConfigContext)?.brand;
}

/** The Managed Center and Monitoring Center base URLs from /api/config ('' when not configured). */
export function useCenters(): Centers {
  return useContext(ConfigContext)?.centers ?? { managedCenterUrl: '', monitoringCenterUrl: '' };
}
