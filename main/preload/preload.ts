/**
 * The preload: the renderer's only door to the main process. It exposes one named function per
 * contract channel (`window.umc.topology.graph(...)`), never ipcRenderer itself nor a generic send
 * (engineering anchors §5.3). Bundled as one CommonJS file: sandboxed preloads cannot be ESM.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, createApi, IPC_PREFIX } from '../../shared/contract/api';
import type { Envelope } from '../../shared/contract/channels';

contextBridge.exposeInMainWorld(
  API_GLOBAL,
  createApi((channel, payload) => ipcRenderer.invoke(IPC_PREFIX + channel, payload) as Promise<Envelope<unknown>>),
);
